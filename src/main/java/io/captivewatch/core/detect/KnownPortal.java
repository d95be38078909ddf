package io.captivewatch.core.detect;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.extract.LoginCandidate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an earlier check on the same network found: a portal, and where to sign in. A re-check given this hint
 * ({@link Detector#check(List, java.time.Duration, KnownPortal)}) decides from the first hop of each probe and
 * does not follow the redirect to the login page again (a slow login page would cost seconds per re-check while
 * the user signs in); while the probes are still intercepted the verdict stays captive with these login links.
 *
 * @param candidates the login links the earlier check found, best first
 */
public record KnownPortal(List<LoginCandidate> candidates) {
    public KnownPortal {
        candidates = List.copyOf(Objects.requireNonNull(candidates, "candidates"));
    }

    /** The hint for a re-check after {@code last}: present only when {@code last} found a portal. */
    public static Optional<KnownPortal> after(Classification last) {
        if (last == null || last.verdict() != Verdict.CAPTIVE) return Optional.empty();
        return Optional.of(new KnownPortal(last.candidates()));
    }
}
