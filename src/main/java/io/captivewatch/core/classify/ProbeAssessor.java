package io.captivewatch.core.classify;

import io.captivewatch.core.i18n.Text;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.SafeUrl;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one probe says on its own, and why in words: the expectation matched or not, and what came instead.
 * <ul>
 *   <li>the genuine answer (204, Apple's page, ...) → ONLINE;</li>
 *   <li>a redirect (to any address, the probe's own host included), a 511 (RFC 6585), or a page where no page
 *       was expected → CAPTIVE; a redirect to the same address over https is followed and judged where it lands;</li>
 *   <li>a 2xx of a few bytes ({@value #TINY_BODY} at most) that is not the genuine answer → LIMITED (no sign-in page);</li>
 *   <li>401 → AUTH_REQUIRED and 407 → PROXY_AUTH_REQUIRED (they are not portals: the 401 guide);</li>
 *   <li>other 4xx/5xx, an unexpected 204, a non-HTTP answer, a TLS failure → LIMITED;</li>
 *   <li>no answer at all (DNS failure, refused, reset, timeout) → OFFLINE.</li>
 * </ul>
 * Also the address rules the {@link Classifier} needs about a probe: its own URL and its https twin
 * ({@link #isProbeItself}), which are never offered as the login page. Pure: no network, no clock.
 */
final class ProbeAssessor {
    private ProbeAssessor() {}

    /** What one probe alone says. */
    static ProbeAssessment assess(ProbeObservation o) {
        String who = o.spec().label() + " (" + o.spec().url() + ")";
        Text expected = o.spec().expectation().describeText();
        if (o.hops().isEmpty()) {
            return switch (o.error()) {
                case TLS -> new ProbeAssessment(o, Verdict.LIMITED, Text.of("explain.probe.tls", who, o.errorDetail()));
                case PROTOCOL -> new ProbeAssessment(o, Verdict.LIMITED, Text.of("explain.probe.notHttp", who, o.errorDetail()));
                case CANCELLED -> new ProbeAssessment(o, Verdict.OFFLINE, Text.of("explain.probe.cancelled", who, o.errorDetail()));
                default -> new ProbeAssessment(o, Verdict.OFFLINE, o.errorDetail().isEmpty()
                        ? Text.of("explain.probe.noAnswer", who, describe(o.error()))
                        : Text.of("explain.probe.noAnswerDetail", who, describe(o.error()), o.errorDetail()));
            };
        }
        RecordedResponse first = o.hops().get(0);
        Text dns = dnsNote(o);
        if (o.spec().expectation().matches(first)) {
            return new ProbeAssessment(o, Verdict.ONLINE, Text.of("explain.probe.asExpected", who, expected));
        }
        int s = first.status();
        String status = String.valueOf(s);
        if (first.isRedirect()) {
            Text target = first.location().map(l -> describeTarget(first, l)).orElse(Text.of("explain.probe.noLocation"));
            Optional<URI> to = first.location().flatMap(l -> SafeUrl.resolve(first.url(), l));
            if (to.isPresent() && isHttpsTwin(o.spec().url(), to.get()) && o.hops().size() > 1) {
                // An upgrade to the same address over https is no portal evidence by itself: judge where it lands.
                ProbeSpec there = new ProbeSpec(to.get(), o.spec().expectation(), o.spec().label());
                ProbeObservation rest = new ProbeObservation(there, o.startedAt(), o.hops().subList(1, o.hops().size()),
                        o.error(), o.errorDetail(), o.elapsedMs(), o.resolvedAddresses());
                ProbeAssessment landed = assess(rest);
                return new ProbeAssessment(o, landed.verdict(), Text.of("explain.probe.httpsTwin", who, status, landed.why()));
            }
            Text loop = o.error() == ErrorKind.TOO_MANY_REDIRECTS ? Text.of("explain.probe.redirectLoop") : Text.data("");
            return new ProbeAssessment(o, Verdict.CAPTIVE, Text.sentences(
                    Text.of("explain.probe.redirected", who, status, target, expected), loop, dns));
        }
        if (s == 511) {
            return new ProbeAssessment(o, Verdict.CAPTIVE, Text.of("explain.probe.511", who).then(dns));
        }
        if (s == 401) {
            Optional<Text> scheme = scheme(first, "WWW-Authenticate");
            return new ProbeAssessment(o, Verdict.AUTH_REQUIRED, scheme.map(h -> Text.of("explain.probe.401scheme", who, h))
                    .orElseGet(() -> Text.of("explain.probe.401", who)));
        }
        if (s == 407) {
            Optional<Text> scheme = scheme(first, "Proxy-Authenticate");
            return new ProbeAssessment(o, Verdict.PROXY_AUTH_REQUIRED, scheme.map(h -> Text.of("explain.probe.407scheme", who, h))
                    .orElseGet(() -> Text.of("explain.probe.407", who)));
        }
        if (s >= 200 && s < 300 && s != 204 && !first.truncated() && first.bodyLength() > 0 && first.bodyLength() <= TINY_BODY) {
            // Nobody can sign in on a page of a few bytes: a broken transparent proxy, not a portal
            // (Android NetworkMonitor.sendHttpProbe: "200 response with Content-length <= 4").
            return new ProbeAssessment(o, Verdict.LIMITED, Text.plural("explain.probe.tiny", first.bodyLength(), who, status, expected)
                    .then(dns));
        }
        if (s >= 200 && s < 300 && (first.bodyLength() > 0 || first.truncated()) && s != 204) {
            Text type = first.contentType().<Text>map(Text::data).orElse(Text.of("explain.probe.noContentType"));
            return new ProbeAssessment(o, Verdict.CAPTIVE, Text.of("explain.probe.page", who, status, type, expected).then(dns));
        }
        return new ProbeAssessment(o, Verdict.LIMITED, Text.of("explain.probe.status", who,
                status + (first.reason().isEmpty() ? "" : " " + first.reason()), expected).then(dns));
    }

    /** Why a probe got no answer, as the evidence words it ("the connection was refused"). */
    static Text describe(ErrorKind k) {
        return Text.of("explain.error." + (k == ErrorKind.OTHER ? "unspecified" : k.jsonName())); // ".other" would read as a plural
    }

    /** What a 401/407 said about its scheme: "without a WWW-Authenticate header", "(WWW-Authenticate: Basic)", or nothing. */
    private static Optional<Text> scheme(RecordedResponse r, String header) {
        List<String> values = r.headers().all(header);
        if (values.isEmpty()) return Optional.of(Text.of("explain.probe.noAuthHeader", header));
        List<String> schemes = new ArrayList<>();
        for (String v : values) {
            Matcher m = Pattern.compile("^\\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)").matcher(v);
            if (m.find()) schemes.add(m.group(1));
        }
        return schemes.isEmpty() ? Optional.empty() : Optional.of(Text.data("(" + header + ": " + String.join(", ", schemes) + ")"));
    }

    /** A 2xx body of at most this many bytes cannot be a sign-in page (Android's limit). */
    static final int TINY_BODY = 4;

    /**
     * Whether {@code target} is the probe URL itself, or the same address over https (same host, path and query;
     * any port, since an https twin listens elsewhere). Neither is ever offered as a login page.
     */
    static boolean isProbeItself(URI probe, URI target) {
        return sameAddress(probe, target) && (target.getScheme().equalsIgnoreCase(probe.getScheme()) || SafeUrl.isHttps(target));
    }

    /** Whether {@code target} is the plain-http probe's own address over https. */
    static boolean isHttpsTwin(URI probe, URI target) {
        return !SafeUrl.isHttps(probe) && SafeUrl.isHttps(target) && sameAddress(probe, target);
    }

    private static boolean sameAddress(URI a, URI b) {
        if (a.getHost() == null || !a.getHost().equalsIgnoreCase(b.getHost())) return false;
        String pa = a.getRawPath() == null || a.getRawPath().isEmpty() ? "/" : a.getRawPath();
        String pb = b.getRawPath() == null || b.getRawPath().isEmpty() ? "/" : b.getRawPath();
        return pa.equals(pb) && Objects.equals(a.getRawQuery(), b.getRawQuery())
                && (!a.getScheme().equalsIgnoreCase(b.getScheme()) || a.getPort() == b.getPort());
    }

    /**
     * A redirect target for the evidence text: the resolved URL when it is a usable http(s) address,
     * else only its scheme, so a hostile {@code javascript:} or {@code data:} target is never echoed
     * into the evidence where it could be taken for a link.
     */
    private static Text describeTarget(RecordedResponse r, String location) {
        return SafeUrl.resolve(r.url(), location).map(u -> Text.data(u.toString())).orElseGet(() -> {
            String named = SafeUrl.scheme(location);
            String scheme = named != null && named.length() < 20 ? named + ": " : ""; // a short one, to quote
            return Text.of("explain.probe.unsafeTarget", scheme);
        });
    }

    /** A note when a public vendor host resolved to a private address: the network's DNS answers for it. */
    private static Text dnsNote(ProbeObservation o) {
        String host = o.spec().url().getHost();
        if (host == null || isIpLiteral(host) || host.equalsIgnoreCase("localhost")) return Text.data("");
        for (String addr : o.resolvedAddresses()) {
            if (isPrivate(addr)) {
                return Text.of("explain.probe.privateDns", host, addr);
            }
        }
        return Text.data("");
    }

    static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":") || host.startsWith("[");
    }

    static boolean isPrivate(String addr) {
        try {
            if (!isIpLiteral(addr)) return false;
            InetAddress a = InetAddress.getByName(addr); // literal: no lookup
            return a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isLoopbackAddress() || a.isAnyLocalAddress()
                    || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc);
        } catch (Exception e) {
            return false;
        }
    }
}
