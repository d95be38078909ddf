package io.captivewatch.desktop.inspector;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.extract.LoginCandidate;
import io.captivewatch.core.probe.Headers;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.report.ReportJson;

import java.util.List;

/** The inspector's plain-text report of a check: what "Copy as text" and "Save… (.txt)" produce. */
public final class InspectorText {
    private InspectorText() {}

    public static String format(Classification c) {
        StringBuilder sb = new StringBuilder();
        sb.append("Verdict: ").append(c.verdict().title()).append(" (").append(c.verdict().jsonName()).append(")\n");
        sb.append("Evidence: ").append(c.evidence()).append('\n');
        c.deciding().ifPresent(d -> sb.append("Decided by: ").append(d.observation().spec().url()).append('\n'));
        c.loginUrl().ifPresent(u -> sb.append("Login URL: ").append(u).append('\n'));
        if (!c.candidates().isEmpty()) {
            sb.append("Login link candidates:\n");
            for (LoginCandidate lc : c.candidates()) {
                sb.append("  - ").append(lc.url()).append("  [").append(lc.source().description()).append(", score ")
                        .append(lc.score()).append(lc.detail().isEmpty() ? "" : ", " + lc.detail()).append("]\n");
            }
        }
        if (!c.warnings().isEmpty()) {
            sb.append("Warnings:\n");
            for (String w : c.warnings()) sb.append("  - ").append(w).append('\n');
        }
        c.capport().ifPresent(cp -> sb.append("RFC 8908 API: ").append(cp.apiUrl()).append(" captive=").append(cp.captive()).append('\n'));
        int i = 1;
        for (ProbeAssessment a : c.probes()) {
            sb.append('\n');
            probe(sb, i++, a);
        }
        return sb.toString();
    }

    static void probe(StringBuilder sb, int n, ProbeAssessment a) {
        ProbeObservation o = a.observation();
        sb.append("Probe ").append(n).append(": ").append(o.spec().label()).append(" — ").append(o.spec().url()).append('\n');
        sb.append("  expected: ").append(o.spec().expectation().describe()).append('\n');
        sb.append("  verdict:  ").append(a.verdict().jsonName()).append(" — ").append(a.reason()).append('\n');
        sb.append("  time:     ").append(o.elapsedMs()).append(" ms");
        if (!o.resolvedAddresses().isEmpty()) sb.append(", resolved to ").append(String.join(", ", o.resolvedAddresses()));
        sb.append('\n');
        if (o.error() != null) {
            sb.append("  error:    ").append(o.error().jsonName()).append(o.errorDetail().isEmpty() ? "" : " — " + o.errorDetail()).append('\n');
        }
        List<RecordedResponse> hops = o.hops();
        if (hops.size() > 1) {
            sb.append("  redirect chain:\n");
            for (RecordedResponse r : hops) {
                sb.append("    ").append(r.status()).append(' ').append(r.url());
                r.location().ifPresent(l -> sb.append(" -> ").append(l));
                sb.append('\n');
            }
        }
        int h = 1;
        for (RecordedResponse r : hops) {
            sb.append("  response ").append(h++).append(": ").append(r.url()).append('\n');
            sb.append("    status: ").append(r.status()).append(r.reason().isEmpty() ? "" : " " + r.reason());
            if (r.elapsedMs() >= 0) sb.append(" (").append(r.elapsedMs()).append(" ms)");
            sb.append('\n');
            sb.append("    headers:\n");
            for (Headers.Field f : r.headers().fields()) sb.append("      ").append(f.name()).append(": ").append(f.value()).append('\n');
            sb.append("    body: ").append(r.bodyLength()).append(" bytes").append(r.truncated() ? " (truncated)" : "").append('\n');
            String excerpt = ReportJson.excerpt(r);
            if (!excerpt.isEmpty()) {
                for (String line : excerpt.split("\n", -1)) sb.append("      | ").append(line).append('\n');
            }
        }
    }
}
