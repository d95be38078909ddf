package io.captivewatch.cli;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.report.TerminalText;

import java.text.BreakIterator;
import java.util.List;
import java.util.Locale;

/** The human-readable form of a check for the terminal: every field printed through {@link TerminalText}. */
final class TextReport {
    private TextReport() {}

    static String of(Classification c, List<Advice> advice) {
        return of(c, advice, Messages.current());
    }

    /** The report worded in {@code m}'s language, the evidence and warnings too (the verdict id, URLs and statuses stay as they are). */
    static String of(Classification c, List<Advice> advice, Messages m) {
        Out sb = new Out();
        sb.append(m.get("cli.report.verdict", c.verdict().jsonName(), c.verdict().title(m))).nl();
        c.loginUrl().ifPresent(u -> sb.append(m.get("cli.report.signIn", u.toString())).nl());
        sb.append(m.get("cli.report.why", c.evidence(m))).nl();
        if (!c.probes().isEmpty()) {
            sb.nl().append(m.get("cli.report.probes")).nl();
            for (ProbeAssessment a : c.probes()) {
                ProbeObservation o = a.observation();
                sb.append("  ").append(pad(TerminalText.of(o.spec().label()), 14)).append(" ");
                if (o.hops().isEmpty()) {
                    sb.append(pad(o.error() == null ? "-" : o.error().jsonName(), 9));
                } else {
                    sb.append(pad(String.valueOf(o.hops().get(0).status()), 9));
                }
                sb.append(o.spec().url());
                for (int i = 0; i < o.hops().size(); i++) {
                    RecordedResponse r = o.hops().get(i);
                    if (r.isRedirect()) sb.append(" -> ").append(r.location().orElse("?"));
                    if (i > 0) sb.append(" [").append(r.status()).append("]");
                }
                sb.append("  ").append(m.get("common.milliseconds", o.elapsedMs()));
                if (o.error() != null && !o.hops().isEmpty()) sb.append("  (").append(o.error().jsonName()).append(")");
                sb.nl();
            }
        }
        if (c.candidates().size() > 1) {
            sb.nl().append(m.get("cli.report.otherLinks")).nl();
            c.candidates().stream().skip(1).limit(5).forEach(lc ->
                    sb.append("  ").append(lc.url()).append("  (").append(lc.source().description(m)).append(")").nl());
        }
        if (!c.warningTexts().isEmpty()) {
            sb.nl().append(m.get("cli.report.warnings")).nl();
            c.warnings(m).forEach(w -> sb.append("  ! ").append(w).nl());
        }
        if (!advice.isEmpty() && c.verdict() != io.captivewatch.core.classify.Verdict.ONLINE) {
            sb.nl().append(m.get("cli.report.whatToDo")).nl();
            int n = 1;
            for (Advice a : advice) {
                sb.append("  ").append(n++).append(". ").append(a.title()).nl();
                for (String line : wrap(a.body(), "     ", 96, m.locale()).split("\n")) sb.append(line).nl();
                for (String cmd : a.commands()) sb.append("       $ ").append(cmd).nl();
            }
        }
        return sb.toString();
    }

    /**
     * The report being written. Every value goes in through {@link #append}, which passes it through
     * {@link TerminalText#of} (controls escaped, credentials redacted); only {@link #nl} writes a line break.
     * So no header value, reason, URL, title or warning can move the cursor, set the title, write the clipboard
     * or forge a line of the report.
     */
    private static final class Out {
        private final StringBuilder sb = new StringBuilder();

        Out append(Object value) {
            sb.append(TerminalText.of(value));
            return this;
        }

        Out nl() {
            sb.append('\n');
            return this;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    private static String pad(String s, int n) {
        int c = columns(s);
        return c >= n ? s : s + " ".repeat(n - c);
    }

    /**
     * {@code text} in lines of at most {@code width} terminal columns (a longer word alone), each starting with
     * {@code indent}. Lines break where {@link BreakIterator#getLineInstance} allows in the language: between words,
     * and between characters in Chinese and Japanese, which put no spaces between words (never inside a URL, a
     * path or before a French " :"); widths count the terminal's
     * columns ({@link #columns}), so a line of wide CJK characters is as wide as it looks.
     */
    static String wrap(String text, String indent, int width, Locale locale) {
        String t = text.strip().replaceAll("\\s+", " ");
        StringBuilder sb = new StringBuilder();
        BreakIterator it = BreakIterator.getLineInstance(locale);
        it.setText(t);
        int room = width - columns(indent);
        StringBuilder line = new StringBuilder();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            while (end < t.length() && !breakable(t, end)) end = it.next(); // keep "http://a/b" and "chiffrée :" whole
            String piece = t.substring(start, end);
            if (line.length() > 0 && columns((line + piece).stripTrailing()) > room) {
                sb.append(indent).append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
            }
            line.append(piece);
        }
        if (!line.toString().isBlank()) sb.append(indent).append(line.toString().stripTrailing()).append('\n');
        return sb.toString();
    }

    /** A line may break before {@code i} after a space, or next to a wide (CJK) character; not inside a URL or a path. */
    private static boolean breakable(String t, int i) {
        if (":;!?»".indexOf(t.charAt(i)) >= 0) return false; // French puts a space before these: they stay on the line
        return Character.isWhitespace(t.charAt(i - 1)) || wide(t.codePointBefore(i)) || wide(t.codePointAt(i));
    }

    /**
     * How many terminal columns {@code s} takes: East Asian Wide and Fullwidth characters (CJK ideographs, kana,
     * Hangul, fullwidth forms and punctuation such as 。 and （）) take two, combining marks and format characters
     * none, the rest one. Unicode's EastAsianWidth ranges, as wcwidth(3) has them; written out here rather than
     * pulling in ICU4J for one table.
     */
    static int columns(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) continue;
            n += wide(cp) ? 2 : 1;
        }
        return n;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) // Hangul Jamo initials
                || (cp >= 0x2E80 && cp <= 0x303E) // CJK radicals, Kangxi, CJK symbols and punctuation (、。「」)
                || (cp >= 0x3041 && cp <= 0x33FF) // kana, bopomofo, Hangul compatibility jamo, CJK compatibility
                || (cp >= 0x3400 && cp <= 0x4DBF) // CJK extension A
                || (cp >= 0x4E00 && cp <= 0x9FFF) // CJK unified ideographs
                || (cp >= 0xA000 && cp <= 0xA4CF) // Yi
                || (cp >= 0xAC00 && cp <= 0xD7A3) // Hangul syllables
                || (cp >= 0xF900 && cp <= 0xFAFF) // CJK compatibility ideographs
                || (cp >= 0xFE10 && cp <= 0xFE19) // vertical forms
                || (cp >= 0xFE30 && cp <= 0xFE6F) // CJK compatibility forms, small form variants
                || (cp >= 0xFF00 && cp <= 0xFF60) // fullwidth forms (：（），)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) // fullwidth signs
                || (cp >= 0x1F300 && cp <= 0x1F64F) // pictographs, emoticons
                || (cp >= 0x1F900 && cp <= 0x1F9FF) // supplemental symbols and pictographs
                || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B and later
    }
}
