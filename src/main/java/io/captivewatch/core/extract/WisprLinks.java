package io.captivewatch.core.extract;

import org.jsoup.parser.Parser;

import java.net.URI;

import static io.captivewatch.core.extract.LoginLinkExtractor.WISPR_LOGIN;
import static io.captivewatch.core.extract.LoginLinkExtractor.WISPR_NEXT;

/**
 * The WISPr link source: {@code <LoginURL>} (inside {@code WISPAccessGatewayParam} it ranks higher) and
 * {@code <NextURL>}, at most {@value #MAX_WISPR} of them. Not an XML parser: a tag search, linear in the body.
 */
final class WisprLinks {
    private WisprLinks() {}

    private static final int MAX_WISPR = 8, MAX_WISPR_URL = 12288;

    /**
     * {@code <LoginURL>} and {@code <NextURL>} elements (case-insensitive tag names), their text or CDATA.
     * Found by searching for the tags, each next tag searched for again only once passed: the regex it
     * replaces backtracked quadratically over whitespace inside an unclosed element (issue #13).
     */
    static void find(String text, URI base, Finds out) {
        String lower = asciiLower(text);
        if (!lower.contains("url>")) return;
        boolean gateway = lower.contains("wispaccessgatewayparam");
        String[] names = {"loginurl", "nexturl"};
        int[] open = {-1, -1}, close = {-1, -1}; // next open/close tag per name at or after the search point; -2: none
        int from = 0, n = 0;
        while (n < MAX_WISPR) {
            for (int k = 0; k < 2; k++) {
                if (open[k] != -2 && open[k] < from) open[k] = ScriptLinks.nextOrEnd(lower, "<" + names[k] + ">", from);
            }
            int k = open[0] == -2 ? 1 : open[1] == -2 ? 0 : open[0] < open[1] ? 0 : 1;
            int o = open[k];
            if (o < 0) break;
            int cs = o + names[k].length() + 2;
            if (close[k] != -2 && close[k] < cs) close[k] = ScriptLinks.nextOrEnd(lower, "</" + names[k] + ">", cs);
            int c = close[k];
            if (c < 0) {
                open[k] = -2; // never closed: no later one is either
                from = o + 1;
                continue;
            }
            from = o + 1;
            if (c - cs > MAX_WISPR_URL + 64) continue;
            String inner = text.substring(cs, c).strip();
            String raw;
            if (inner.startsWith("<![CDATA[") && inner.endsWith("]]>") && inner.length() > 12) {
                raw = inner.substring(9, inner.length() - 3);
                if (raw.indexOf(']') >= 0) continue;
            } else if (!inner.isEmpty() && inner.indexOf('<') < 0) {
                raw = Parser.unescapeEntities(inner, false);
            } else {
                continue;
            }
            if (raw.length() > MAX_WISPR_URL) continue;
            n++;
            from = c + names[k].length() + 3;
            boolean login = k == 0;
            out.add(base, raw.trim(), LinkSource.WISPR, login ? WISPR_LOGIN - (gateway ? 0 : 30) : WISPR_NEXT,
                    (login ? "LoginURL" : "NextURL") + (gateway ? "" : " (outside WISPAccessGatewayParam)"));
        }
    }

    /** ASCII letters lowered, every other character kept: indices stay those of {@code s}. */
    private static String asciiLower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') c[i] += 32;
        }
        return new String(c);
    }
}
