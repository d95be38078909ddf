package io.captivewatch.core.classify;

import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.extract.LoginCandidate;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.i18n.Text;
import io.captivewatch.core.url.WebUrl;

import java.util.List;
import java.util.Optional;

/**
 * The result of a check: the verdict, the probe that decided it and why, ranked login links,
 * and any warnings about the portal's behaviour (a 511 without a link, a cacheable 511, ...).
 * The explanation is kept as {@link Text}s: {@link #evidence()} and {@link #warnings()} are their English
 * (JSON, logs, the advice's facts), {@link #evidence(Messages)} and {@link #warnings(Messages)} what people read.
 *
 * @param verdict      the combined verdict
 * @param explanation  one or two sentences explaining the verdict
 * @param deciding     the probe whose answer decided, if any
 * @param probes       every probe's own assessment, in probe order
 * @param candidates   login-link candidates, best first (only meaningful for CAPTIVE)
 * @param warningTexts protocol deviations seen
 * @param capport      what the RFC 8908 API said, if one was queried
 */
public record Classification(Verdict verdict, Text explanation, Optional<ProbeAssessment> deciding,
                             List<ProbeAssessment> probes, List<LoginCandidate> candidates,
                             List<Text> warningTexts, Optional<CapportStatus> capport) {

    public Classification {
        probes = List.copyOf(probes);
        candidates = List.copyOf(candidates);
        warningTexts = List.copyOf(warningTexts);
    }

    /** A classification whose evidence and warnings are finished strings (shown as they are in every language). */
    public Classification(Verdict verdict, String evidence, Optional<ProbeAssessment> deciding,
                          List<ProbeAssessment> probes, List<LoginCandidate> candidates,
                          List<String> warnings, Optional<CapportStatus> capport) {
        this(verdict, Text.data(evidence), deciding, probes, candidates, warnings.stream().map(Text::data).toList(), capport);
    }

    /** The evidence in English: what the JSON report, the logs and the advice's facts read. */
    public String evidence() {
        return explanation.english();
    }

    /** The evidence in {@code m}'s language. */
    public String evidence(Messages m) {
        return explanation.render(m);
    }

    /** The warnings in English. */
    public List<String> warnings() {
        return warningTexts.stream().map(Text::english).toList();
    }

    /** The warnings in {@code m}'s language. */
    public List<String> warnings(Messages m) {
        return Text.render(warningTexts, m);
    }

    /** The best login URL, if any candidate was found (checked: a {@link WebUrl}). */
    public Optional<WebUrl> loginUrl() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0).url());
    }
}
