package io.captivewatch.core.extract;

import io.captivewatch.core.url.SafeUrl;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An RFC 8288 {@code Link} header parser: several links per field and across fields,
 * {@code <target>; param=token; param="quoted \" string"}, {@code rel} with several space-separated
 * values, targets resolved against the response URL through {@link SafeUrl}. Bounded: at most
 * {@link #MAX_LINKS} links and {@link #MAX_FIELD_CHARS} characters per field are looked at.
 * Lenient like browsers: a malformed link is skipped, the rest still parsed; never throws.
 */
public final class LinkHeader {
    /** At most this many links are returned. */
    public static final int MAX_LINKS = 64;
    /** Characters of one field value looked at. */
    public static final int MAX_FIELD_CHARS = 64 * 1024;
    /** At most this many link-values are read, kept or not. */
    public static final int MAX_SCANNED = 4096;
    private static final int MAX_PARAMS = 16;

    /**
     * One link.
     *
     * @param rawTarget the URI-Reference between {@code <} and {@code >}, as sent
     * @param target    the target resolved against the base, if it is an acceptable http(s) URL
     * @param rels      the relation types, lower-cased, in order (empty if no rel)
     * @param params    the other parameters (first occurrence wins), names lower-cased, values unquoted
     */
    public record Link(String rawTarget, Optional<URI> target, List<String> rels, Map<String, String> params) {
        public Link {
            rels = List.copyOf(rels);
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        public boolean hasRel(String rel) {
            return rels.contains(rel.toLowerCase(Locale.ROOT));
        }
    }

    private LinkHeader() {}

    /** Parses all field values (in order) of the Link header; relative targets resolve against {@code base}. */
    public static List<Link> parse(List<String> fieldValues, URI base) {
        return parse(fieldValues, base, l -> true);
    }

    /**
     * Like {@link #parse(List, URI)}, returning only links {@code keep} accepts; links it refuses do not
     * count towards {@link #MAX_LINKS} (at most {@link #MAX_SCANNED} link-values are read in all).
     */
    public static List<Link> parse(List<String> fieldValues, URI base, Predicate<Link> keep) {
        List<Link> out = new ArrayList<>();
        int[] scanned = {0};
        for (String v : fieldValues) {
            if (out.size() >= MAX_LINKS || scanned[0] >= MAX_SCANNED) break;
            if (v != null) parseField(v, base, out, keep, scanned);
        }
        return out;
    }

    /** Parses one field value. */
    public static List<Link> parse(String fieldValue, URI base) {
        return parse(Arrays.asList(fieldValue), base);
    }

    private static void parseField(String s, URI base, List<Link> out, Predicate<Link> keep, int[] scanned) {
        int n = Math.min(s.length(), MAX_FIELD_CHARS);
        int i = 0;
        while (i < n && out.size() < MAX_LINKS && scanned[0] < MAX_SCANNED) {
            i = skipWs(s, i, n);
            if (i >= n) break;
            if (s.charAt(i) == ',') {
                i++;
                continue;
            }
            if (s.charAt(i) != '<') { // malformed: skip to the next link-value
                i = skipToComma(s, i, n);
                continue;
            }
            int close = s.indexOf('>', i + 1);
            if (close < 0 || close >= n) break;
            String raw = s.substring(i + 1, close);
            i = close + 1;
            List<String> rels = null;
            Map<String, String> params = new LinkedHashMap<>();
            // params
            while (true) {
                i = skipWs(s, i, n);
                if (i >= n) break;
                char c = s.charAt(i);
                if (c == ',') {
                    i++;
                    break;
                }
                if (c != ';') { // garbage after the target or a param: skip to the next link
                    i = skipToComma(s, i, n);
                    break;
                }
                i = skipWs(s, i + 1, n);
                int nameStart = i;
                while (i < n && isTokenChar(s.charAt(i))) i++;
                String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
                i = skipWs(s, i, n);
                String value = "";
                if (i < n && s.charAt(i) == '=') {
                    i = skipWs(s, i + 1, n);
                    if (i < n && s.charAt(i) == '"') {
                        StringBuilder sb = new StringBuilder();
                        i++;
                        while (i < n && s.charAt(i) != '"') {
                            if (s.charAt(i) == '\\' && i + 1 < n) i++;
                            sb.append(s.charAt(i));
                            i++;
                        }
                        i++; // closing quote (or past the end)
                        value = sb.toString();
                    } else {
                        int vs = i;
                        while (i < n && s.charAt(i) != ';' && s.charAt(i) != ',') i++;
                        value = s.substring(vs, i).trim();
                    }
                }
                if (name.isEmpty()) continue;
                if (name.equals("rel")) {
                    if (rels == null) rels = splitRels(value); // RFC 8288 3.3: only the first rel counts
                } else if (params.size() < MAX_PARAMS) {
                    params.putIfAbsent(name, value);
                }
            }
            scanned[0]++;
            Link link = new Link(raw, SafeUrl.resolve(base, raw), rels == null ? List.of() : rels, params);
            if (keep.test(link)) out.add(link);
        }
    }

    private static List<String> splitRels(String value) {
        List<String> rels = new ArrayList<>();
        for (String r : value.trim().split("\\s+", 16)) {
            if (!r.isEmpty() && rels.size() < 8) rels.add(r.toLowerCase(Locale.ROOT));
        }
        return rels;
    }

    private static int skipWs(String s, int i, int n) {
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r' || s.charAt(i) == '\n')) i++;
        return i;
    }

    /** Index just past the next comma outside quotes and angle brackets, or n. */
    private static int skipToComma(String s, int i, int n) {
        boolean quoted = false;
        while (i < n) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                return i + 1;
            }
            i++;
        }
        return n;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
