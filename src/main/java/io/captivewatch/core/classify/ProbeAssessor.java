package io.captivewatch.core.classify;

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
        String expected = o.spec().expectation().describe();
        if (o.hops().isEmpty()) {
            return switch (o.error()) {
                case TLS -> new ProbeAssessment(o, Verdict.LIMITED, who + " failed the TLS handshake: " + o.errorDetail()
                        + ". Something on this network answers for that host with a certificate this system does not trust.");
                case PROTOCOL -> new ProbeAssessment(o, Verdict.LIMITED, who + " got an answer that is not HTTP: " + o.errorDetail() + ".");
                case CANCELLED -> new ProbeAssessment(o, Verdict.OFFLINE, who + " was not needed: " + o.errorDetail());
                default -> new ProbeAssessment(o, Verdict.OFFLINE, who + " got no answer: " + describe(o.error())
                        + (o.errorDetail().isEmpty() ? "" : " (" + o.errorDetail() + ")") + ".");
            };
        }
        RecordedResponse first = o.hops().get(0);
        RecordedResponse last = o.hops().get(o.hops().size() - 1);
        String dns = dnsNote(o);
        if (o.spec().expectation().matches(first)) {
            return new ProbeAssessment(o, Verdict.ONLINE, who + " answered " + expected + " as expected.");
        }
        int s = first.status();
        if (first.isRedirect()) {
            String target = first.location().map(l -> describeTarget(first, l)).orElse("(no Location header)");
            Optional<URI> to = first.location().flatMap(l -> SafeUrl.resolve(first.url(), l));
            if (to.isPresent() && isHttpsTwin(o.spec().url(), to.get()) && o.hops().size() > 1) {
                // An upgrade to the same address over https is no portal evidence by itself: judge where it lands.
                ProbeSpec there = new ProbeSpec(to.get(), o.spec().expectation(), o.spec().label());
                ProbeObservation rest = new ProbeObservation(there, o.startedAt(), o.hops().subList(1, o.hops().size()),
                        o.error(), o.errorDetail(), o.elapsedMs(), o.resolvedAddresses());
                ProbeAssessment landed = assess(rest);
                return new ProbeAssessment(o, landed.verdict(), who + " was redirected (" + s + ") to the same address over"
                        + " HTTPS; there, " + landed.reason());
            }
            String loop = o.error() == ErrorKind.TOO_MANY_REDIRECTS ? " The redirects went on past our limit." : "";
            return new ProbeAssessment(o, Verdict.CAPTIVE, who + " was redirected (" + s + ") to " + target
                    + " instead of answering " + expected + "." + loop + dns);
        }
        if (s == 511) {
            return new ProbeAssessment(o, Verdict.CAPTIVE, who + " answered 511 Network Authentication Required"
                    + " (RFC 6585): this network wants you to sign in." + dns);
        }
        if (s == 401) {
            return new ProbeAssessment(o, Verdict.AUTH_REQUIRED, who + " answered 401 Unauthorized"
                    + scheme(first, "WWW-Authenticate") + ". That is a server asking for a password, not a captive portal.");
        }
        if (s == 407) {
            return new ProbeAssessment(o, Verdict.PROXY_AUTH_REQUIRED, who + " answered 407 Proxy Authentication Required"
                    + scheme(first, "Proxy-Authenticate") + ": a proxy on this network wants credentials.");
        }
        if (s >= 200 && s < 300 && s != 204 && !first.truncated() && first.bodyLength() > 0 && first.bodyLength() <= TINY_BODY) {
            // Nobody can sign in on a page of a few bytes: a broken transparent proxy, not a portal
            // (Android NetworkMonitor.sendHttpProbe: "200 response with Content-length <= 4").
            return new ProbeAssessment(o, Verdict.LIMITED, who + " answered " + s + " with only " + first.bodyLength()
                    + " byte" + (first.bodyLength() == 1 ? "" : "s") + " instead of " + expected
                    + ": too little to be a sign-in page; something on the way answers in the server's place." + dns);
        }
        if (s >= 200 && s < 300 && (first.bodyLength() > 0 || first.truncated()) && s != 204) {
            return new ProbeAssessment(o, Verdict.CAPTIVE, who + " answered " + s + " with a page ("
                    + first.contentType().orElse("no content type") + ") instead of " + expected
                    + ": something on this network intercepts web requests." + dns);
        }
        return new ProbeAssessment(o, Verdict.LIMITED, who + " answered " + s
                + (first.reason().isEmpty() ? "" : " " + first.reason()) + " instead of " + expected + "." + dns);
    }

    static String describe(ErrorKind k) {
        return switch (k) {
            case DNS -> "the name did not resolve (DNS)";
            case REFUSED -> "the connection was refused";
            case RESET -> "the connection was reset";
            case TIMEOUT -> "it timed out";
            case TLS -> "the TLS handshake failed";
            case PROTOCOL -> "the answer was not HTTP";
            case TOO_MANY_REDIRECTS -> "too many redirects";
            case CANCELLED -> "not needed";
            case OTHER -> "an error";
        };
    }

    private static String scheme(RecordedResponse r, String header) {
        List<String> values = r.headers().all(header);
        if (values.isEmpty()) return " without a " + header + " header";
        List<String> schemes = new ArrayList<>();
        for (String v : values) {
            Matcher m = Pattern.compile("^\\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)").matcher(v);
            if (m.find()) schemes.add(m.group(1));
        }
        return schemes.isEmpty() ? "" : " (" + header + ": " + String.join(", ", schemes) + ")";
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
    private static String describeTarget(RecordedResponse r, String location) {
        return SafeUrl.resolve(r.url(), location).map(URI::toString).orElseGet(() -> {
            String named = SafeUrl.scheme(location);
            String scheme = named != null && named.length() < 20 ? named + ": " : ""; // a short one, to quote
            return "an address CaptiveWatch will not open (" + scheme + "not an http(s) URL)";
        });
    }

    /** A note when a public vendor host resolved to a private address: the network's DNS answers for it. */
    private static String dnsNote(ProbeObservation o) {
        String host = o.spec().url().getHost();
        if (host == null || isIpLiteral(host) || host.equalsIgnoreCase("localhost")) return "";
        for (String addr : o.resolvedAddresses()) {
            if (isPrivate(addr)) {
                return " Its host " + host + " resolved to " + addr + ", a private address: this network's DNS answers for it.";
            }
        }
        return "";
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
