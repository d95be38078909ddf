package io.captivewatch.core.probe;

import io.captivewatch.core.url.SafeUrl;

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
        return SafeUrl.isHttps(url);
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
     * Parses a user-supplied probe: a URL, checked as {@link SafeUrl#parse} does (one rule for every URL
     * CaptiveWatch uses), optionally followed by words that say what its genuine answer is, separated by
     * white space (a URL never holds raw white space, so the split is unambiguous):
     * <ul>
     *   <li>{@code status=NNN}: the genuine status (default 200 when a body is given, else the URL's rule);</li>
     *   <li>{@code body=TEXT}: exactly this body;</li>
     *   <li>{@code prefix=TEXT} (or {@code response=TEXT}, NetworkManager's name): a body that starts with it;</li>
     *   <li>{@code header=NAME:VALUE}: an answer carrying this header is genuine whatever else it holds;</li>
     *   <li>{@code label=TEXT}: the name shown for the probe.</li>
     * </ul>
     * Values are percent-decoded as UTF-8 ({@code %20} a space, {@code %0A} a newline). Without words, the
     * success rule comes from the URL ({@link #expectationFor}). A clear {@link IllegalArgumentException}
     * says what is wrong.
     */
    public static ProbeSpec parse(String text) {
        String t = text == null ? "" : text.strip();
        String[] words = t.isEmpty() ? new String[]{""} : t.split("\\s+");
        Optional<URI> uri = SafeUrl.parse(words[0]);
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("probe URL " + shown(words[0]) + " " + SafeUrl.problem(words[0]).orElse("is not usable"));
        }
        if (words.length == 1) return forUrl(uri.get());
        Integer status = null;
        String body = null;
        Expectation.Kind kind = null;
        Headers.Field header = null;
        String label = null;
        for (int i = 1; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("probe " + shown(words[0]) + ": '" + brief(w) + "' is not key=value"
                    + " (keys: status, body, prefix, header, label)");
            String key = w.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = decodeValue(w.substring(eq + 1), key);
            switch (key) {
                case "status" -> {
                    if (status != null) throw twice(words[0], key);
                    try {
                        status = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        status = -1;
                    }
                    if (status < 100 || status > 599) {
                        throw new IllegalArgumentException("probe " + shown(words[0]) + ": status must be 100..599, got '" + brief(value) + "'");
                    }
                }
                case "body", "prefix", "response" -> {
                    if (body != null) throw new IllegalArgumentException("probe " + shown(words[0]) + ": give one of body= or prefix=");
                    if (value.length() > Expectation.MAX_BODY) {
                        throw new IllegalArgumentException("probe " + shown(words[0]) + ": the expected body is longer than "
                                + Expectation.MAX_BODY + " characters");
                    }
                    body = value;
                    kind = key.equals("body") ? Expectation.Kind.EXACT : Expectation.Kind.PREFIX;
                }
                case "header" -> {
                    if (header != null) throw twice(words[0], key);
                    int colon = value.indexOf(':');
                    String name = colon < 0 ? "" : value.substring(0, colon).strip();
                    if (colon < 0 || name.isEmpty() || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || value.substring(colon + 1).isBlank()) {
                        throw new IllegalArgumentException("probe " + shown(words[0]) + ": header= needs NAME:VALUE, got '" + brief(value) + "'");
                    }
                    header = new Headers.Field(name, value.substring(colon + 1).strip());
                }
                case "label" -> {
                    if (label != null) throw twice(words[0], key);
                    label = value;
                }
                default -> throw new IllegalArgumentException("probe " + shown(words[0]) + ": unknown key '" + brief(key)
                        + "' (keys: status, body, prefix, header, label)");
            }
        }
        Expectation e;
        if (body != null) {
            e = new Expectation(kind, status == null ? 200 : status, body, Optional.empty());
        } else if (status != null) {
            e = status == 204 ? Expectation.NO_CONTENT : new Expectation(Expectation.Kind.STATUS, status, "", Optional.empty());
        } else {
            e = expectationFor(uri.get());
        }
        if (header != null) e = e.withHeader(header);
        return new ProbeSpec(uri.get(), e, label);
    }

    private static IllegalArgumentException twice(String url, String key) {
        return new IllegalArgumentException("probe " + shown(url) + ": " + key + "= given more than once");
    }

    /** Percent-decodes a spec value as UTF-8; a malformed escape is an error. */
    static String decodeValue(String v, String key) {
        if (v.indexOf('%') < 0) return v;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%') {
                int hi = i + 2 < v.length() ? Character.digit(v.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(v.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) throw new IllegalArgumentException(key + "= has a '%' that is not followed by two hex digits");
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String brief(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /**
     * The success rule of a known vendor path, compared as that vendor's own detector compares it
     * (docs/CONFORMANCE.md); else 204.
     */
    static Expectation expectationFor(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath().toLowerCase(Locale.ROOT);
        String last = path.substring(path.lastIndexOf('/') + 1);
        return switch (last) {
            case "generate_204", "gen_204" -> Expectation.NO_CONTENT;
            case "hotspot-detect.html", "library-test-success.html" ->
                    new Expectation(Expectation.Kind.EXACT_TRIMMED, 200, Expectation.APPLE_SUCCESS, Optional.empty());
            case "connecttest.txt" -> Expectation.exact(200, "Microsoft Connect Test");
            case "ncsi.txt" -> Expectation.exact(200, "Microsoft NCSI");
            case "success.txt" -> Expectation.exact(200, "success\n");
            case "canonical.html" -> Expectation.exact(200, Expectation.FIREFOX_CANONICAL);
            case "check_network_status.txt" ->
                    Expectation.prefix(200, "NetworkManager is online").withHeader(Expectation.NM_STATUS_ONLINE);
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
