package io.captivewatch.cli;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;

import java.util.List;

/** The human-readable form of a check for the terminal. */
final class TextReport {
    private TextReport() {}

    static String of(Classification c, List<Advice> advice) {
        StringBuilder sb = new StringBuilder();
        sb.append("Verdict:  ").append(c.verdict().jsonName()).append(" — ").append(c.verdict().title()).append('\n');
        c.loginUrl().ifPresent(u -> sb.append("Sign in:  ").append(u).append('\n'));
        sb.append("Why:      ").append(c.evidence()).append('\n');
        if (!c.probes().isEmpty()) {
            sb.append("\nProbes:\n");
            for (ProbeAssessment a : c.probes()) {
                ProbeObservation o = a.observation();
                sb.append("  ").append(pad(o.spec().label(), 14)).append(' ');
                if (o.hops().isEmpty()) {
                    sb.append(pad(o.error() == null ? "-" : o.error().jsonName(), 9));
                } else {
                    sb.append(pad(String.valueOf(o.hops().get(0).status()), 9));
                }
                sb.append(o.spec().url());
                for (int i = 0; i < o.hops().size(); i++) {
                    RecordedResponse r = o.hops().get(i);
                    if (r.isRedirect()) sb.append(" -> ").append(r.location().orElse("?"));
                    if (i > 0) sb.append(" [").append(r.status()).append(']');
                }
                sb.append("  ").append(o.elapsedMs()).append(" ms");
                if (o.error() != null && !o.hops().isEmpty()) sb.append("  (").append(o.error().jsonName()).append(')');
                sb.append('\n');
            }
        }
        if (c.candidates().size() > 1) {
            sb.append("\nOther login links found:\n");
            c.candidates().stream().skip(1).limit(5).forEach(lc ->
                    sb.append("  ").append(lc.url()).append("  (").append(lc.source().description()).append(")\n"));
        }
        if (!c.warnings().isEmpty()) {
            sb.append("\nWarnings:\n");
            c.warnings().forEach(w -> sb.append("  ! ").append(w).append('\n'));
        }
        if (!advice.isEmpty() && c.verdict() != io.captivewatch.core.classify.Verdict.ONLINE) {
            sb.append("\nWhat to do:\n");
            int n = 1;
            for (Advice a : advice) {
                sb.append("  ").append(n++).append(". ").append(a.title()).append('\n');
                sb.append(wrap(a.body(), "     ", 96));
                for (String cmd : a.commands()) sb.append("       $ ").append(cmd).append('\n');
            }
        }
        return sb.toString();
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
