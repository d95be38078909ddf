/**
 * Where to sign in: from recorded responses to ranked, safe login URLs.
 *
 * <ul>
 *   <li>{@link io.captivewatch.core.extract.BodyText}: a body as text (bounded gzip/deflate, charset from
 *       BOM, Content-Type, meta prescan, heuristics).</li>
 *   <li>{@link io.captivewatch.core.extract.LinkHeader}: RFC 8288 Link header parser, bounded.</li>
 *   <li>{@link io.captivewatch.core.extract.LoginLinkExtractor}: every source (Location, Link, meta refresh,
 *       JavaScript, frames, forms, anchors, WISPr, JSON, RFC 8908) scored and ranked.</li>
 *   <li>{@link io.captivewatch.core.url.SafeUrl}: the gate every URL passes: absolute http(s), a host,
 *       no user-info, a valid port, at most {@link io.captivewatch.core.url.SafeUrl#MAX_LENGTH} characters.</li>
 * </ul>
 * Scores used by the extractor, highest first: RFC 8908 API 1000, landing page of a redirect chain 950,
 * Location 900, WISPr LoginURL 880, JSON login fields 840-870, meta refresh 850, JavaScript redirect 800,
 * frameset frame / form with a password field 780, login form 720, login-worded anchor / iframe 600,
 * Link rel=captive-portal 550, inline-handler navigation 500, login-like anchor URL 450, WISPr NextURL 300,
 * other form 250, other Link 150, the intercepted page itself 100, other anchor 80, decoys 10-30.
 */
package io.captivewatch.core.extract;
