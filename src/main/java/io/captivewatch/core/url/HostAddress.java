package io.captivewatch.core.url;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What a URL's host is as an address: the WHATWG URL standard's IPv4 parser ({@link #ipv4}: browsers and the
 * login window read {@code http://2130706433/} as 127.0.0.1) and the "this computer" rule built on it
 * ({@link #isThisComputer(String)}), which {@link SafeUrl#problemFrom} applies to every link and redirect.
 * Pure: names are never looked up, only literals are read.
 */
public final class HostAddress {
    private HostAddress() {}

    /** {@code host} without the brackets of an IPv6 literal ({@code [::1]} is {@code ::1}); other hosts as they are. */
    public static String withoutBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

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
        h = withoutBrackets(h);
        if (h.contains(":")) return ipv6IsThisComputer(h);
        while (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (h.equals("localhost") || h.endsWith(".localhost")) return true;
        long v = ipv4(h);
        return v >= 0 && ((v >>> 24) == 127 || (v >>> 24) == 0);
    }

    /** Whether an address is this computer: loopback, unspecified (0.0.0.0/8, ::) or IPv4-mapped loopback. */
    public static boolean isThisComputer(InetAddress a) {
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
            return isThisComputer(InetAddress.getByName("[" + bare + "]"));
        } catch (UnknownHostException | RuntimeException e) {
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

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
