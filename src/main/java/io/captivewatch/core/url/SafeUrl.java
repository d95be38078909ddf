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
     * Whether a URL host names this computer as a browser would read it: {@code localhost} and
     * {@code *.localhost} (RFC 6761), IPv4 127.0.0.0/8 and 0.0.0.0/8 in any form the WHATWG URL parser
     * accepts ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}; see {@link #ipv4}), IPv6 {@code ::1}
     * and {@code ::}, and IPv4-mapped {@code ::ffff:127.x.x.x}. A trailing dot is ignored. Names are not
     * looked up (pure): what a name resolves to is the prober's check. Private, CGNAT and link-local
     * addresses are not this computer: portals live there.
     */
    public static boolean isThisComputer(String host) {
        if (host == null || host.isEmpty()) return false;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.contains(":")) return ipv6IsThisComputer(h);
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.equals("localhost") || h.endsWith(".localhost")) return true;
        long v = ipv4(h);
        return v >= 0 && ((v >>> 24) == 127 || (v >>> 24) == 0);
    }

    /** Whether an address is this computer: loopback, unspecified (0.0.0.0/8, ::) or IPv4-mapped loopback. */
    public static boolean isThisComputer(java.net.InetAddress a) {
        if (a == null) return false;
        byte[] b = a.getAddress();
        if (b.length == 4) return b[0] == 127 || b[0] == 0;
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) return true;
        boolean mapped = true; // ::ffff:a.b.c.d (java.net usually turns these into Inet4Address already)
        for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
        mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        return mapped && (b[12] == 127 || b[12] == 0);
    }

    private static boolean ipv6IsThisComputer(String literal) {
        int zone = literal.indexOf('%');
        String bare = zone >= 0 ? literal.substring(0, zone) : literal;
        if (bare.isEmpty()) return false;
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (!(isHex(c) || c == ':' || c == '.')) return false; // only literals: never a name lookup
        }
        try {
            return isThisComputer(java.net.InetAddress.getByName("[" + bare + "]"));
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The WHATWG URL standard's IPv4 parser: {@code host} as an IPv4 address (0 to 2^32-1), or -1 when it is
     * not one. One to four dot-separated parts (a trailing empty part is dropped), each decimal, octal
     * (leading 0) or hex (0x); the last part fills the remaining bytes ({@code 127.1} is 127.0.0.1,
     * {@code 2130706433} is 127.0.0.1). Any part too large, or not a number, gives -1.
     */
    static long ipv4(String host) {
        if (host == null || host.isEmpty() || host.length() > 64) return -1;
        String[] parts = host.split("\\.", -1);
        int n = parts.length;
        if (n > 1 && parts[n - 1].isEmpty()) n--;
        if (n > 4 || n == 0) return -1;
        long[] numbers = new long[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = ipv4Number(parts[i]);
            if (numbers[i] < 0) return -1;
        }
        for (int i = 0; i < n - 1; i++) if (numbers[i] > 255) return -1;
        if (numbers[n - 1] >= 1L << (8 * (5 - n))) return -1;
        long v = numbers[n - 1];
        for (int i = 0; i < n - 1; i++) v += numbers[i] << (8 * (3 - i));
        return v;
    }

    private static long ipv4Number(String part) {
        if (part.isEmpty()) return -1;
        int radix = 10;
        String digits = part;
        if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) return 0;
        } else if (part.length() >= 2 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        int zeros = 0;
        while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') zeros++;
        digits = digits.substring(zeros); // leading zeros change nothing (and must not hide a large number)
        if (digits.length() > 12) return -1; // beyond 2^32 in any radix
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0 || digits.charAt(i) > 0x7f) return -1;
            v = v * radix + d;
        }
        return v;
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
