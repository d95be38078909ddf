package io.captivewatch.core.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JavaScript link source: string targets of navigations in scripts and inline handlers
 * ({@code location = }, {@code location.href = }, {@code location.replace(...)}, {@code window.navigate(...)},
 * one plain variable followed to its literal). Not a JavaScript parser: a comment stripper, a string-literal
 * reader and a keyword scan, all linear in the script and charged to the caller's {@link ExtractionBudget}.
 * {@link HtmlLinks} decides which scripts to read and how to score what is found here.
 */
final class ScriptLinks {
    private ScriptLinks() {}

    /** At most this many targets per script. */
    static final int MAX_TARGETS = 32;

    /**
     * A string target of a JavaScript navigation.
     *
     * @param url     the string literal, unescaped
     * @param what    which construct ("window.location.href =", "location.replace()")
     * @param partial the literal is followed by {@code +}: only the start of the URL
     */
    record JsTarget(String url, String what, boolean partial) {}

    /** Navigations to string literals in {@code code}, comments ignored. At most a fixed number. */
    static List<JsTarget> jsTargets(String code) {
        return jsTargets(code, ExtractionBudget.standard());
    }

    /**
     * As {@link #jsTargets(String)}, spending {@code budget}. Linear in {@code code}: one pass strips the
     * comments, the next occurrence of each keyword is searched for once, variables are resolved from one
     * pass over the assignments ({@link Assignments}), and the end of a template literal is looked up once.
     */
    static List<JsTarget> jsTargets(String code, ExtractionBudget budget) {
        List<JsTarget> out = new ArrayList<>();
        if (!budget.spend(code.length())) return out;
        if (code.indexOf("location") < 0 && code.indexOf("navigate") < 0) return out;
        String s = stripComments(code);
        Scan scan = new Scan(s, budget);
        int from = 0;
        // The next occurrence of each keyword at or after from, searched for again only once from has
        // passed it (-1: not searched yet, -2: there is none): searching both every round rescanned the
        // rest of the script for the rarer one.
        int loc = -1, nav = -1;
        while (out.size() < MAX_TARGETS && budget.spend(1)) {
            if (loc != -2 && loc < from) loc = nextOrEnd(s, "location", from);
            if (nav != -2 && nav < from) nav = nextOrEnd(s, "navigate", from);
            if (loc == -2 && nav == -2) break;
            int at;
            boolean isNav;
            if (loc >= 0 && (nav < 0 || loc < nav)) {
                at = loc;
                isNav = false;
            } else {
                at = nav;
                isNav = true;
            }
            from = at + 8;
            if (at > 0 && isIdentChar(s.charAt(at - 1))) continue;
            if (from < s.length() && isIdentChar(s.charAt(from))) continue;
            String prefix = objectPrefix(s, at);
            int i = skipWs(s, from);
            String what;
            if (isNav) {
                if (!prefix.endsWith("window.")) continue;
                if (i >= s.length() || s.charAt(i) != '(') continue;
                i = skipWs(s, i + 1);
                what = "window.navigate()";
            } else if (i < s.length() && s.charAt(i) == '.') {
                int j = skipWs(s, i + 1);
                if (s.startsWith("href", j) && !(j + 4 < s.length() && isIdentChar(s.charAt(j + 4)))) {
                    j = skipWs(s, j + 4);
                    if (!isAssignment(s, j)) continue;
                    i = skipWs(s, j + 1);
                    what = prefix + "location.href =";
                } else if (s.startsWith("replace", j) || s.startsWith("assign", j)) {
                    String fn = s.startsWith("replace", j) ? "replace" : "assign";
                    j = skipWs(s, j + fn.length());
                    if (j >= s.length() || s.charAt(j) != '(') continue;
                    i = skipWs(s, j + 1);
                    what = prefix + "location." + fn + "()";
                } else {
                    continue;
                }
            } else if (isAssignment(s, i)) {
                i = skipWs(s, i + 1);
                what = prefix + "location =";
            } else {
                continue;
            }
            String[] lit = scan.literal(i);
            if (lit == null) {
                // "var loginUrl = '...'; window.location = loginUrl;": follow one plain variable to its literal.
                int e = i;
                while (e < s.length() && isIdentChar(s.charAt(e))) e++;
                if (e == i || e - i > 64) continue;
                int next = skipWs(s, e);
                if (next < s.length() && (s.charAt(next) == '.' || s.charAt(next) == '(' || s.charAt(next) == '[')) continue;
                String name = s.substring(i, e);
                String[] value = scan.assignments().lastBefore(name, at);
                if (value == null) continue;
                out.add(new JsTarget(value[0], what + " " + name, value[2] != null));
                continue;
            }
            int after = skipWs(s, Integer.parseInt(lit[1]));
            boolean partial = after < s.length() && s.charAt(after) == '+' || lit[2] != null;
            out.add(new JsTarget(lit[0], what, partial));
        }
        return out;
    }

    /** Index of {@code word} at or after {@code from}, or -2 when there is none (so it is not searched for again). */
    static int nextOrEnd(String s, String word, int from) {
        int i = s.indexOf(word, from);
        return i < 0 ? -2 : i;
    }

    /** Per script: string literals read with their cost charged, and the assignments, built on first use. */
    private static final class Scan {
        private final String s;
        private final ExtractionBudget budget;
        private Assignments assignments;
        private int scanned; // characters read by the last failed literal
        private int askedFrom = Integer.MAX_VALUE, nextBacktick = -1; // the first '`' at or after askedFrom, -1 if none

        Scan(String s, ExtractionBudget budget) {
            this.s = s;
            this.budget = budget;
        }

        /** {@link #stringLiteral} at {@code i}, its characters charged; a template's end is searched for once. */
        String[] literal(int i) {
            scanned = 1;
            String[] lit = stringLiteral(s, i, this);
            budget.spend(lit == null ? scanned : Integer.parseInt(lit[1]) - i);
            return lit;
        }

        /** {@code s.indexOf('`', j)}, remembered: a script full of unclosed templates must not rescan its rest for each. */
        int backtickFrom(int j) {
            boolean known = j >= askedFrom && (nextBacktick < 0 || j <= nextBacktick);
            if (!known) {
                askedFrom = j;
                nextBacktick = s.indexOf('`', j);
            }
            return nextBacktick;
        }

        Assignments assignments() {
            // a sweep of its own (its own template cache): the two sweeps each move forward
            if (assignments == null) assignments = new Assignments(s, new Scan(s, budget));
            return assignments;
        }
    }

    /**
     * Every {@code name = "literal"} in a script (also {@code var/let/const name = ...}: the keyword does not
     * matter), found in one pass: an identifier not preceded by an identifier character, {@code $} or
     * {@code .}, then {@code =} but not {@code ==}, then a string literal. A literal that was read is skipped
     * whole, so each character is read about once: this replaced a regex compiled and run over the whole
     * script for every {@code location = name}, which was quadratic in a hostile script (issue #13).
     */
    private static final class Assignments {
        /** Per name, at most this many assignments are kept (the first ones, as before). */
        private static final int PER_NAME = 16;
        private final Map<String, List<Object[]>> byName = new java.util.HashMap<>();

        Assignments(String s, Scan scan) {
            int n = s.length();
            int i = 0;
            while (i < n && scan.budget.spend(1)) {
                char c = s.charAt(i);
                if (!Character.isJavaIdentifierStart(c) || i > 0 && (isIdentChar(s.charAt(i - 1)) || s.charAt(i - 1) == '.')) {
                    i++;
                    continue;
                }
                int e = i;
                while (e < n && isIdentChar(s.charAt(e))) e++;
                int eq = skipWs(s, e);
                if (e - i > 64 || !isAssignment(s, eq)) {
                    i = Math.max(e, i + 1);
                    continue;
                }
                String name = s.substring(i, e);
                int at = skipWs(s, eq + 1);
                String[] lit = scan.literal(at);
                List<Object[]> list = byName.computeIfAbsent(name, k -> new ArrayList<>(2));
                if (list.size() < PER_NAME) list.add(new Object[] {i, lit});
                i = lit != null ? Integer.parseInt(lit[1]) : eq + 1;
            }
        }

        /** The literal last assigned to {@code name} before {@code before} (among its first assignments), or null. */
        String[] lastBefore(String name, int before) {
            if (!Character.isJavaIdentifierStart(name.charAt(0))) return null;
            String[] found = null;
            for (Object[] a : byName.getOrDefault(name, List.of())) {
                if ((int) a[0] >= before) break;
                if (a[1] != null) found = (String[]) a[1];
            }
            return found;
        }
    }

    private static boolean isAssignment(String s, int i) {
        return i < s.length() && s.charAt(i) == '=' && (i + 1 >= s.length() || s.charAt(i + 1) != '=');
    }

    /** "window.", "top.", "document.", "self.", "parent." or a chain of them before "location" at {@code at}. */
    private static String objectPrefix(String s, int at) {
        StringBuilder prefix = new StringBuilder();
        int i = at;
        for (int k = 0; k < 3; k++) {
            int j = i - 1;
            while (j >= 0 && Character.isWhitespace(s.charAt(j))) j--;
            if (j < 0 || s.charAt(j) != '.') break;
            j--;
            while (j >= 0 && Character.isWhitespace(s.charAt(j))) j--;
            int end = j + 1;
            while (j >= 0 && isIdentChar(s.charAt(j))) j--;
            String word = s.substring(j + 1, end);
            if (!Set.of("window", "top", "self", "parent", "document").contains(word)) break;
            prefix.insert(0, word + ".");
            i = j + 1;
        }
        return prefix.toString();
    }

    private static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    /** A JS string literal at {@code i}: {value, end index, "template" if cut at ${ (else null)}; null if none. */
    private static String[] stringLiteral(String s, int i) {
        return stringLiteral(s, i, null);
    }

    private static String[] stringLiteral(String s, int i, Scan scan) {
        if (i >= s.length()) return failed(scan, 1);
        char q = s.charAt(i);
        if (q != '"' && q != '\'' && q != '`') return failed(scan, 1);
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        String cut = null;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == q) {
                return new String[] {sb.toString(), String.valueOf(j + 1), cut};
            }
            if (sb.length() > LoginLinkExtractor.MAX_RAW || c == '\n' && q != '`') return failed(scan, j - i);
            if (q == '`' && c == '$' && j + 1 < s.length() && s.charAt(j + 1) == '{') {
                cut = "template";
                int close = scan != null ? scan.backtickFrom(j) : s.indexOf('`', j);
                return close < 0 ? failed(scan, j - i) : new String[] {sb.toString(), String.valueOf(close + 1), cut};
            }
            if (c == '\\' && j + 1 < s.length()) {
                char e = s.charAt(j + 1);
                j += 2;
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'x' -> {
                        if (j + 2 <= s.length() && isHex(s, j, 2)) {
                            sb.append((char) Integer.parseInt(s.substring(j, j + 2), 16));
                            j += 2;
                        } else {
                            sb.append('x');
                        }
                    }
                    case 'u' -> {
                        if (j + 4 <= s.length() && isHex(s, j, 4)) {
                            sb.append((char) Integer.parseInt(s.substring(j, j + 4), 16));
                            j += 4;
                        } else {
                            sb.append('u');
                        }
                    }
                    default -> sb.append(e);
                }
                continue;
            }
            sb.append(c);
            j++;
        }
        return failed(scan, j - i);
    }

    /** No literal; {@code scanned} characters were read to find that out (charged by {@link Scan#literal}). */
    private static String[] failed(Scan scan, int scanned) {
        if (scan != null) scan.scanned = scanned;
        return null;
    }

    private static boolean isHex(String s, int from, int len) {
        for (int k = from; k < from + len; k++) {
            char c = s.charAt(k);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
        }
        return true;
    }

    /**
     * Removes JS comments ({@code //}, {@code /* *}{@code /}) and the HTML-like comment lines JS allows
     * ({@code <!--} to end of line, {@code -->} at a line start), leaving string literals intact.
     */
    static String stripComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        char quote = 0;
        boolean lineStart = true;
        while (i < n) {
            char c = s.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < n) {
                    out.append(s.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == quote || (c == '\n' && quote != '`')) quote = 0;
                i++;
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                quote = c;
                out.append(c);
                lineStart = false;
                i++;
                continue;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/' || s.startsWith("<!--", i) || lineStart && s.startsWith("-->", i)) {
                while (i < n && s.charAt(i) != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
                continue;
            }
            if (c == '\n') lineStart = true;
            else if (!Character.isWhitespace(c)) lineStart = false;
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
