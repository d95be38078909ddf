/**
 * Where to sign in: from recorded responses to ranked, safe login URLs.
 *
 * <ul>
 *   <li>{@link io.captivewatch.core.extract.BodyText}: a body as text (bounded gzip/deflate, charset from
 *       BOM, Content-Type, meta prescan, heuristics).</li>
 *   <li>{@link io.captivewatch.core.extract.LinkHeader}: RFC 8288 Link header parser, bounded.</li>
 *   <li>{@link io.captivewatch.core.extract.LoginLinkExtractor}: the orchestrator; every source's finds
 *       (RFC 8908 and a chain's landing page here, the rest from the source classes) scored and ranked.</li>
 *   <li>The sources, one small class each, adding to one {@code Finds} and charged to one
 *       {@link io.captivewatch.core.extract.ExtractionBudget}: {@code HeaderLinks} (Location, Link),
 *       {@code JsonLinks}, {@code WisprLinks}, {@code HtmlLinks} (frames, forms, anchors, inline handlers) with
 *       {@code MetaRefresh}, {@code ScriptLinks} (JavaScript) and {@code LinkWords} (login and decoy words).</li>
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
