package io.captivewatch.core.capport;

import io.captivewatch.core.url.SafeUrl;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes the value of DHCPv4 option 114 / DHCPv6 option 103 (RFC 8910: the Captive Portal API URI as
 * ASCII bytes, no terminator) from the forms OS tools print it in: raw bytes, hex ({@code 687474...},
 * {@code 68:74:74...}, {@code 68 74 ...}), or a plain (possibly quoted) string.
 * RFC 8910 requires https; plain http is accepted with a warning because real portals (openNDS) send it.
 * The special URI {@code urn:ietf:params:capport:unrestricted} means "no portal" and gives empty.
 */
public final class Option114 {
    /** RFC 8910's value meaning the network has no captive portal. */
    public static final String UNRESTRICTED = "urn:ietf:params:capport:unrestricted";
    /** The warning given for an http (not https) API URI: the client's own, as it is the same fact. */
    public static final String PLAIN_HTTP_WARNING = CapportClient.PLAIN_HTTP_WARNING;

    private Option114() {}

    /**
     * A decoded option.
     *
     * @param uri      the API URI if the value was a usable http(s) URI
     * @param warnings what was odd about it
     * @param problem  why nothing usable came out, empty if {@code uri} is present
     */
    public record Decoded(Optional<URI> uri, List<String> warnings, Optional<String> problem) {
        public Decoded {
            warnings = List.copyOf(warnings);
        }
    }

    /** Decodes raw option bytes (ASCII; trailing NULs tolerated). */
    public static Decoded fromBytes(byte[] raw) {
        if (raw == null || raw.length == 0) return fail("empty option value");
        int end = raw.length;
        while (end > 0 && raw[end - 1] == 0) end--;
        for (int i = 0; i < end; i++) {
            int b = raw[i] & 0xff;
            if (b < 0x20 || b >= 0x7f) return fail("option value is not printable ASCII (byte " + i + " = 0x" + Integer.toHexString(b) + ")");
        }
        return fromText(new String(raw, 0, end, StandardCharsets.US_ASCII));
    }

    /** Decodes a hex dump ({@code 68747470}, {@code 68:74:74:70}, {@code 68 74 74 70}, optional 0x). */
    public static Decoded fromHex(String hex) {
        byte[] bytes = hexBytes(hex);
        if (bytes == null) return fail("not a hex string");
        return fromBytes(bytes);
    }

    /**
     * Decodes what a tool printed, whichever form: a hex dump if it looks like one (and decodes to
     * printable ASCII), else the text itself (quotes stripped).
     */
    public static Decoded fromAny(String value) {
        if (value == null) return fail("no value");
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1).strip();
        }
        if (!v.contains("/") && hexBytes(v) != null) {
            Decoded d = fromHex(v);
            if (d.uri().isPresent() || isUnrestricted(d)) return d;
        }
        return fromText(v);
    }

    private static boolean isUnrestricted(Decoded d) {
        return d.problem().map(p -> p.contains("unrestricted")).orElse(false);
    }

    /** Decodes the URI text. */
    public static Decoded fromText(String text) {
        if (text == null) return fail("no value");
        String t = text.strip();
        if (t.isEmpty()) return fail("empty option value");
        if (t.equalsIgnoreCase(UNRESTRICTED)) return fail("network says it is unrestricted (" + UNRESTRICTED + ")");
        List<String> warnings = new ArrayList<>();
        String lower = t.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return fail("not an http(s) URI: " + clip(t));
        }
        Optional<URI> uri = SafeUrl.parse(t);
        if (uri.isEmpty()) return fail("unusable URI: " + clip(t));
        if (uri.get().getScheme().equals("http")) warnings.add(PLAIN_HTTP_WARNING);
        return new Decoded(uri, warnings, Optional.empty());
    }

    /** Hex digits with optional separators (':', ' ', '-') and optional 0x prefix; null if not hex. */
    static byte[] hexBytes(String s) {
        if (s == null) return null;
        String t = s.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) t = t.substring(2);
        StringBuilder digits = new StringBuilder(t.length());
        boolean separated = t.indexOf(':') >= 0 || t.indexOf(' ') >= 0 || t.indexOf('-') >= 0;
        if (separated) {
            for (String part : t.split("[:\\s-]+")) {
                if (part.isEmpty()) continue;
                if (part.length() > 2) return null;
                if (part.length() == 1) digits.append('0');
                digits.append(part);
            }
        } else {
            digits.append(t);
        }
        if (digits.length() == 0 || digits.length() % 2 != 0) return null;
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(digits.charAt(2 * i), 16), lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) return null;
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    private static Decoded fail(String why) {
        return new Decoded(Optional.empty(), List.of(), Optional.of(why));
    }
}
