package io.captivewatch.core.probe;

import io.captivewatch.core.extract.SafeUrl;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One connectivity-check URL and what its genuine server answers.
 *
 * @param url         absolute http or https URL with a host and no user-info: what {@link SafeUrl} accepts
 * @param expectation how success looks
 * @param label       short name for people ("Google", "Apple", ...)
 */
public record ProbeSpec(URI url, Expectation expectation, String label) {

    public ProbeSpec {
        url = requireAcceptable(url);
        if (label == null || label.isBlank()) label = url.getHost();
    }

    public boolean isHttps() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    /** The probes CaptiveWatch uses when none are configured: the vendors' own check URLs. */
    public static List<ProbeSpec> defaults() {
        return List.of(
                forUrl(URI.create("http://connectivitycheck.gstatic.com/generate_204"), "Google"),
                forUrl(URI.create("http://captive.apple.com/hotspot-detect.html"), "Apple"),
                forUrl(URI.create("http://www.msftconnecttest.com/connecttest.txt"), "Microsoft"),
                forUrl(URI.create("http://detectportal.firefox.com/canonical.html"), "Firefox"),
                forUrl(URI.create("http://nmcheck.gnome.org/check_network_status.txt"), "GNOME"),
                forUrl(URI.create("https://www.google.com/generate_204"), "Google HTTPS"));
    }

    public static ProbeSpec forUrl(URI url) {
        return forUrl(url, null);
    }

    /**
     * A probe whose success rule is derived from its URL path when it is a known vendor path,
     * else 204 (see ARCHITECTURE.md, "check").
     */
    public static ProbeSpec forUrl(URI url, String label) {
        return new ProbeSpec(url, url == null ? Expectation.NO_CONTENT : expectationFor(url), label); // null: refused below
    }

    /**
     * Parses a user-supplied probe URL as {@link SafeUrl#parse} does (one rule for every URL CaptiveWatch
     * uses); a clear {@link IllegalArgumentException} saying why if it refuses it.
     */
    public static ProbeSpec parse(String text) {
        Optional<URI> uri = SafeUrl.parse(text);
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("probe URL " + shown(text) + " " + SafeUrl.problem(text).orElse("is not usable"));
        }
        return forUrl(uri.get());
    }

    static Expectation expectationFor(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath().toLowerCase(Locale.ROOT);
        String last = path.substring(path.lastIndexOf('/') + 1);
        return switch (last) {
            case "generate_204", "gen_204" -> Expectation.NO_CONTENT;
            case "hotspot-detect.html", "library-test-success.html" -> Expectation.bodyContains("Success");
            case "connecttest.txt" -> Expectation.bodyContains("Microsoft Connect Test");
            case "ncsi.txt" -> Expectation.bodyContains("Microsoft NCSI");
            case "success.txt" -> Expectation.bodyContains("success");
            case "canonical.html" -> Expectation.bodyContains(Expectation.FIREFOX_CANONICAL_MARKER);
            case "check_network_status.txt" -> Expectation.bodyContains("NetworkManager is online");
            default -> Expectation.NO_CONTENT;
        };
    }

    private static URI requireAcceptable(URI url) {
        Optional<String> problem = SafeUrl.problem(url);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("probe URL " + (url == null ? "" : shown(url.toString()) + " ") + problem.get());
        }
        return url;
    }

    /** The URL for a message: without credentials, and not endless. */
    private static String shown(String text) {
        return "'" + SafeUrl.shown(text) + "'";
    }
}
