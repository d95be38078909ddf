package io.captivewatch.core.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one gate every URL from a portal passes before CaptiveWatch shows, follows or opens it:
 * resolve against a base, repair what browsers repair (spaces, stray unicode, backslashes),
 * and accept only absolute http(s) URLs with a host, without user-info ({@code user:pass@}), and with a
 * sane length. Pure and total: any input
 * gives a value or empty, never an exception.
 */
public final class SafeUrl {
    /** Longer URLs are refused: no real login page needs more, and they are a DoS vector. */
    public static final int MAX_LENGTH = 4096;

    private SafeUrl() {}

    /** Whether a URI is absolute http(s) with a host, no user-info, and at most {@link #MAX_LENGTH} characters. */
    public static boolean isAcceptable(URI uri) {
        return problem(uri).isEmpty();
    }

    /**
     * Why {@code uri} is not acceptable (a phrase such as "has no host", to follow the URL in a message), or
     * empty when it is: the rule of {@link #isAcceptable}.
     */
    public static Optional<String> problem(URI uri) {
        if (uri == null) return Optional.of("is missing");
        if (!uri.isAbsolute()) return Optional.of(NOT_ABSOLUTE);
        if (!isHttpScheme(uri.getScheme())) return Optional.of(NOT_HTTP);
        if (uri.isOpaque()) return Optional.of(NO_HOST);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) return Optional.of(NO_HOST);
        // User-info is refused, not stripped: "http://10.0.0.1@evil.example/" is a classic disguise, and
        // credentials must not end up in a login window's address bar, the logs or a JSON report.
        if (uri.getRawUserInfo() != null) return Optional.of(USER_INFO);
        if (uri.getPort() > 65535) return Optional.of("has a port number over 65535");
        if (uri.toString().length() > MAX_LENGTH) return Optional.of(TOO_LONG);
        return Optional.empty();
    }

    /**
     * Why {@code target}, reached from {@code origin} (the probe, or the RFC 8908 API, that started the
     * chain), is not to be followed, offered or opened: {@link #problem(URI)}, or — when {@code origin} is
     * not itself on this computer — that {@code target} points at this computer (loopback or unspecified,
     * see {@link #isThisComputer(String)}). No portal lives there: a remote portal's link to
     * {@code http://localhost:631/} would open the user's own printer service. An origin on this computer
     * (a test portal, a developer's simulator) may point there. Empty when acceptable.
     */
    public static Optional<String> problemFrom(URI origin, URI target) {
        Optional<String> p = problem(target);
        if (p.isPresent()) return p;
        if (isThisComputer(target.getHost()) && (origin == null || !isThisComputer(origin.getHost()))) {
            return Optional.of(THIS_COMPUTER);
        }
        return Optional.empty();
    }

    /** {@link #problemFrom} is empty. */
    public static boolean isAcceptableFrom(URI origin, URI target) {
        return problemFrom(origin, target).isEmpty();
    }

    /** The phrase {@link #problemFrom} gives for a target on this computer. */
    public static final String THIS_COMPUTER = "points at this computer (a loopback or unspecified address), where no portal lives";

    /**
     * Whether a URL host names this computer as a browser would read it (localhost names, loopback and
     * unspecified addresses in any form the WHATWG URL parser accepts): {@link HostAddress#isThisComputer(String)}.
     */
    public static boolean isThisComputer(String host) {
        return HostAddress.isThisComputer(host);
    }

    /** Whether an address is this computer: {@link HostAddress#isThisComputer(java.net.InetAddress)}. */
    public static boolean isThisComputer(java.net.InetAddress a) {
        return HostAddress.isThisComputer(a);
    }

    /**
     * Why {@link #parse} refuses {@code raw} (a phrase to follow the URL in a message, as {@link #problem(URI)}),
     * or empty when it accepts it.
     */
    public static Optional<String> problem(String raw) {
        if (parse(raw).isPresent()) return Optional.empty();
        String s = raw == null ? "" : strip(raw);
        if (s.isEmpty()) return Optional.of("is empty");
        if (raw.length() > MAX_LENGTH * 3 || s.length() > MAX_LENGTH) return Optional.of(TOO_LONG);
        s = s.replace('\\', '/');
        String scheme = schemeOf(s);
        if (scheme == null) return Optional.of(NOT_ABSOLUTE);
        if (!isHttpScheme(scheme)) return Optional.of(NOT_HTTP);
        URI parsed = toUri(s);
        Optional<String> why = parsed == null ? Optional.empty() : problem(parsed);
        return Optional.of(why.orElse("is not a valid URL"));
    }

    /** Longest URL (or text holding URLs) {@link #shown} gives. */
    public static final int SHOWN_MAX = 200;

    /** Where a URL's authority starts: after {@code scheme://} (either slash may be a backslash), or after {@code http(s):}. */
    private static final Pattern AUTHORITY_START =
            Pattern.compile("(?i)(?<![a-z0-9+.-])(?:[a-z][a-z0-9+.-]*:[/\\\\]{2}|https?:[/\\\\]?)");

    /**
     * {@code raw} with the user-info of every URL in it replaced by "…" ({@code http://user:pass@host/} becomes
     * {@code http://…@host/}), so a URL CaptiveWatch refused for carrying credentials can be shown in messages,
     * evidence, logs and reports without them. Works on any text (a URL, a header value, a sentence quoting URLs).
     */
    public static String redact(String raw) {
        if (raw == null) return "null";
        if (raw.indexOf('@') < 0) return raw;
        StringBuilder out = new StringBuilder(raw.length());
        Matcher m = AUTHORITY_START.matcher(raw);
        int copied = 0;
        while (copied < raw.length() && m.find(copied)) {
            int from = m.end();
            int end = from;
            while (end < raw.length() && !authorityEnds(raw.charAt(end))) end++;
            int at = raw.lastIndexOf('@', end - 1);
            out.append(raw, copied, from);
            if (at >= from) {
                out.append('…');
                copied = at;
            } else {
                copied = from;
            }
        }
        return out.append(raw, copied, raw.length()).toString();
    }

    private static boolean authorityEnds(char c) {
        // Tab, CR and LF do not end it: browsers drop them inside a URL, so "user:pa<TAB>ss@" is still credentials.
        return c == '/' || c == '?' || c == '#' || c == '\\' || c == '"' || c == '\'' || c == '<' || c == '>'
                || Character.isWhitespace(c) && c != '\t' && c != '\r' && c != '\n';
    }

    /**
     * A URL (or text quoting URLs) as messages show it: credentials {@linkplain #redact redacted}, surrounding space
     * stripped, and at most {@value #SHOWN_MAX} characters. The one way refused URLs are shown.
     */
    public static String shown(String raw) {
        String s = redact(raw == null ? "" : raw.strip());
        if (s.length() <= SHOWN_MAX) return s;
        int cut = Character.isHighSurrogate(s.charAt(SHOWN_MAX - 1)) ? SHOWN_MAX - 1 : SHOWN_MAX;
        return s.substring(0, cut) + "…";
    }

    private static final String NOT_ABSOLUTE = "is not an absolute URL (it must start with http:// or https://)";
    private static final String NOT_HTTP = "is not an http:// or https:// URL";
    private static final String NO_HOST = "has no host";
    private static final String USER_INFO = "contains a user name or password (user:password@), which is not accepted";
    private static final String TOO_LONG = "is longer than " + MAX_LENGTH + " characters";

    /** Parses an absolute URL; empty unless acceptable. */
    public static Optional<URI> parse(String raw) {
        return resolve(null, raw);
    }

    /**
     * Resolves {@code raw} (absolute, schemeless {@code //host/x}, or relative) against {@code base}
     * (may be null, then only absolute input works). Empty unless the result is acceptable.
     */
    public static Optional<URI> resolve(URI base, String raw) {
        if (raw == null) return Optional.empty();
        if (raw.length() > MAX_LENGTH * 3) return Optional.empty();
        String s = strip(raw);
        if (s.isEmpty() || s.length() > MAX_LENGTH) return Optional.empty();
        // Browsers treat backslashes in http(s) URLs as slashes; so must we, to see what the user would get.
        s = s.replace('\\', '/');
        String scheme = schemeOf(s);
        if (scheme != null && !isHttpScheme(scheme)) return Optional.empty();
        URI parsed = toUri(s);
        if (parsed == null) return Optional.empty();
        URI result;
        try {
            if (parsed.isAbsolute()) {
                result = parsed;
            } else if (base != null && isAcceptable(base)) {
                result = resolveAgainst(base, parsed);
            } else {
                return Optional.empty();
            }
            result = result.normalize();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (result.getRawAuthority() != null && (result.getRawPath() == null || result.getRawPath().isEmpty())) {
            // "http://host?x" and "http://host" mean "http://host/?x" and "http://host/" to a browser.
            String q = result.getRawQuery() == null ? "" : "?" + result.getRawQuery();
            String f = result.getRawFragment() == null ? "" : "#" + result.getRawFragment();
            try {
                result = new URI(result.getScheme() + "://" + result.getRawAuthority() + "/" + q + f);
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        if (!isAscii(result.toString())) {
            // Keep results plain ASCII (percent-encoded UTF-8), as a browser's address bar would send them.
            try {
                result = new URI(result.toASCIIString());
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        return isAcceptable(result) ? Optional.of(lowerScheme(result)) : Optional.empty();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x7f) return false;
        }
        return true;
    }

    private static URI resolveAgainst(URI base, URI ref) {
        // java.net.URI mishandles an empty-path base ("http://h") and "?q"-only refs; patch both like browsers.
        if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
            base = URI.create(base.getScheme() + "://" + base.getRawAuthority() + "/"
                    + (base.getRawQuery() != null ? "?" + base.getRawQuery() : ""));
        }
        String r = ref.toString();
        if (r.startsWith("?")) {
            String b = base.toString();
            int cut = indexOfAny(b, '?', '#');
            return URI.create((cut >= 0 ? b.substring(0, cut) : b) + r);
        }
        if (r.startsWith("#")) {
            String b = base.toString();
            int cut = b.indexOf('#');
            return URI.create((cut >= 0 ? b.substring(0, cut) : b) + r);
        }
        return base.resolve(ref);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a), j = s.indexOf(b);
        if (i < 0) return j;
        if (j < 0) return i;
        return Math.min(i, j);
    }

    private static URI lowerScheme(URI u) {
        String scheme = u.getScheme();
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (scheme.equals(lower)) return u;
        return URI.create(lower + u.toString().substring(scheme.length()));
    }

    /** Strips what browsers strip: leading/trailing C0 controls and spaces, and any tab or newline inside. */
    public static String strip(String raw) {
        int start = 0, end = raw.length();
        while (start < end && raw.charAt(start) <= ' ') start++;
        while (end > start && raw.charAt(end - 1) <= ' ') end--;
        StringBuilder sb = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = raw.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') continue;
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * The one reading of a URL's scheme, as a browser reads it (WHATWG): after {@link #strip} (leading and
     * trailing C0 controls and spaces, tabs and newlines anywhere), an ASCII letter then ASCII letters,
     * digits, + - . up to the first colon; lower-cased. Null when there is none (a relative reference, or
     * anything else before the colon: non-ASCII letters, a space). Every place that asks "which scheme?"
     * (the sign-in window's navigation policy, evidence texts, ...) asks here.
     */
    public static String scheme(String raw) {
        return raw == null ? null : schemeOf(strip(raw));
    }

    /** Whether {@code scheme} (as {@link #scheme(String)} or {@link URI#getScheme()} gives it) is http or https, in any case. */
    public static boolean isHttpScheme(String scheme) {
        return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    /** Whether {@code url} is https (in any case). */
    public static boolean isHttps(URI url) {
        return url != null && "https".equalsIgnoreCase(url.getScheme());
    }

    /** {@link #scheme(String)} of a string already {@link #strip stripped}. */
    static String schemeOf(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) return null;
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) return null;
        }
        return s.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** Parses leniently: characters java.net.URI rejects (spaces, unicode, stray %) are percent-encoded as UTF-8. */
    private static URI toUri(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            // fall through to repair
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && !(i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)))) {
                sb.append("%25");
            } else if (c > 0x20 && c < 0x7f && "\"<>^`{|} ".indexOf(c) < 0) {
                sb.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                appendEncoded(sb, s.substring(i, i + 2));
                i++;
            } else if (Character.isSurrogate(c)) {
                return null;
            } else {
                appendEncoded(sb, String.valueOf(c));
            }
        }
        try {
            return new URI(sb.toString());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static void appendEncoded(StringBuilder sb, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
