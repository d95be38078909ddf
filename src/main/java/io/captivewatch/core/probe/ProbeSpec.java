package io.captivewatch.core.probe;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * One connectivity-check URL and what its genuine server answers.
 *
 * @param url         absolute http or https URL
 * @param expectation how success looks
 * @param label       short name for people ("Google", "Apple", ...)
 */
public record ProbeSpec(URI url, Expectation expectation, String label) {

    public ProbeSpec {
        url = requireHttpUrl(url);
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
        return new ProbeSpec(url, expectationFor(url), label);
    }

    /** Parses a user-supplied probe URL; a clear {@link IllegalArgumentException} if it is not http(s). */
    public static ProbeSpec parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (Exception e) {
            throw new IllegalArgumentException("not a URL: " + text);
        }
        return forUrl(uri);
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

    private static URI requireHttpUrl(URI url) {
        if (url == null) throw new IllegalArgumentException("probe URL is missing");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("probe URL must be http:// or https://: " + url);
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("probe URL has no host: " + url);
        }
        return url;
    }
}
