package io.captivewatch.core.classify;

import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.extract.LoginCandidate;
import io.captivewatch.core.url.WebUrl;

import java.util.List;
import java.util.Optional;

/**
 * The result of a check: the verdict, the probe that decided it and why, ranked login links,
 * and any warnings about the portal's behaviour (a 511 without a link, a cacheable 511, ...).
 *
 * @param verdict    the combined verdict
 * @param evidence   one or two sentences explaining the verdict
 * @param deciding   the probe whose answer decided, if any
 * @param probes     every probe's own assessment, in probe order
 * @param candidates login-link candidates, best first (only meaningful for CAPTIVE)
 * @param warnings   protocol deviations seen
 * @param capport    what the RFC 8908 API said, if one was queried
 */
public record Classification(Verdict verdict, String evidence, Optional<ProbeAssessment> deciding,
                             List<ProbeAssessment> probes, List<LoginCandidate> candidates,
                             List<String> warnings, Optional<CapportStatus> capport) {

    public Classification {
        probes = List.copyOf(probes);
        candidates = List.copyOf(candidates);
        warnings = List.copyOf(warnings);
    }

    /** The best login URL, if any candidate was found (checked: a {@link WebUrl}). */
    public Optional<WebUrl> loginUrl() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0).url());
    }
}
