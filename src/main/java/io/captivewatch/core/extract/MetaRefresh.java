package io.captivewatch.core.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.net.URI;

import static io.captivewatch.core.extract.LoginLinkExtractor.META_REFRESH;

/**
 * The meta refresh link source: {@code <meta http-equiv="refresh" content="0; url=...">}, at most
 * {@value #MAX_META} per page, its value read as browsers read it ({@link #parse}). A refresh within 10 s
 * ranks as a redirect; a slower one lower.
 */
final class MetaRefresh {
    private MetaRefresh() {}

    private static final int MAX_META = 8;

    /** The refresh targets of {@code doc}, resolved against {@code base}, into {@code out}. */
    static void find(Document doc, URI base, Finds out) {
        int metas = 0;
        for (Element meta : doc.getElementsByTag("meta")) {
            if (!meta.attr("http-equiv").trim().equalsIgnoreCase("refresh")) continue;
            if (metas++ >= MAX_META) break;
            Target t = parse(meta.attr("content"));
            if (t != null && !t.url().isEmpty()) {
                out.add(base, t.url(), LinkSource.META_REFRESH, t.delay() <= 10 ? META_REFRESH : META_REFRESH - 150,
                        "meta refresh after " + t.delay() + " s");
            }
        }
    }

    /** A refresh value: the delay in seconds and the target as written (empty: refresh the page itself). */
    record Target(int delay, String url) {}

    /** Parses a refresh value the way browsers do: "5", "0;URL='x'", "0; url=x", "0,x", "0 x". Null if unparsable. */
    static Target parse(String content) {
        String s = content;
        int n = Math.min(s.length(), LoginLinkExtractor.MAX_RAW);
        int i = 0;
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        int ds = i;
        while (i < n && Character.isDigit(s.charAt(i))) i++;
        int delay = 0;
        if (i == ds) {
            if (i < n && s.charAt(i) == '.') {
                delay = 0;
            } else {
                return null;
            }
        } else {
            String d = s.substring(ds, Math.min(i, ds + 6));
            delay = Integer.parseInt(d);
        }
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        if (i < n && (s.charAt(i) == ';' || s.charAt(i) == ',')) i++;
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        if (i >= n) return new Target(delay, "");
        String rest = s.substring(i, n);
        if (rest.length() >= 3 && rest.substring(0, 3).equalsIgnoreCase("url")) {
            int j = 3;
            while (j < rest.length() && Character.isWhitespace(rest.charAt(j))) j++;
            if (j < rest.length() && rest.charAt(j) == '=') {
                j++;
                while (j < rest.length() && Character.isWhitespace(rest.charAt(j))) j++;
                rest = rest.substring(j);
            }
        }
        if (!rest.isEmpty() && (rest.charAt(0) == '\'' || rest.charAt(0) == '"')) {
            char q = rest.charAt(0);
            int end = rest.indexOf(q, 1);
            rest = end < 0 ? rest.substring(1) : rest.substring(1, end);
        }
        return new Target(delay, rest.trim());
    }
}
