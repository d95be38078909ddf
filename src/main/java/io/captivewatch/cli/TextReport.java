package io.captivewatch.cli;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.report.TerminalText;

import java.util.List;

/** The human-readable form of a check for the terminal: every field printed through {@link TerminalText}. */
final class TextReport {
    private TextReport() {}

    static String of(Classification c, List<Advice> advice) {
        return of(c, advice, Messages.current());
    }

    /** The report worded in {@code m}'s language (the verdict id, URLs, statuses and the evidence stay as they are). */
    static String of(Classification c, List<Advice> advice, Messages m) {
        Out sb = new Out();
        sb.append(m.get("cli.report.verdict", c.verdict().jsonName(), c.verdict().title(m))).nl();
        c.loginUrl().ifPresent(u -> sb.append(m.get("cli.report.signIn", u.toString())).nl());
        sb.append(m.get("cli.report.why", c.evidence())).nl();
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
                    sb.append("  ").append(lc.url()).append("  (").append(lc.source().description()).append(")").nl());
        }
        if (!c.warnings().isEmpty()) {
            sb.nl().append(m.get("cli.report.warnings")).nl();
            c.warnings().forEach(w -> sb.append("  ! ").append(w).nl());
        }
        if (!advice.isEmpty() && c.verdict() != io.captivewatch.core.classify.Verdict.ONLINE) {
            sb.nl().append(m.get("cli.report.whatToDo")).nl();
            int n = 1;
            for (Advice a : advice) {
                sb.append("  ").append(n++).append(". ").append(a.title()).nl();
                for (String line : wrap(a.body(), "     ", 96).split("\n")) sb.append(line).nl();
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
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    static String wrap(String text, String indent, int width) {
        StringBuilder sb = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split("\\s+")) {
            if (line.length() + word.length() + 1 > width && line.length() > indent.length()) {
                sb.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) line.append(' ');
            line.append(word);
        }
        if (line.length() > indent.length()) sb.append(line).append('\n');
        return sb.toString();
    }
}
