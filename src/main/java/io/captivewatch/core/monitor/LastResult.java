package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.detect.KnownPortal;

import java.time.Instant;
import java.util.Optional;

/**
 * What the last check found, and when; and whether the next check may decide from each probe's first answer
 * ({@link KnownPortal}): only while the portal it found is on the same network (the {@link CheckSchedule}'s
 * generation has not moved on) and nobody asked for a full check ("Check now"). Monitor thread only.
 */
final class LastResult {
    private Classification last;
    private Instant at;
    private long generation = -1; // the schedule's generation when `last` came (a portal is known on this network only)
    private boolean fullAsked; // "Check now": the next check reads everything again, even while a portal is known

    /** The last result, null before the first. */
    Classification classification() {
        return last;
    }

    /** When the last result came, null before the first. */
    Instant at() {
        return at;
    }

    boolean isCaptive() {
        return last != null && last.verdict() == Verdict.CAPTIVE;
    }

    /** The next check reads everything again. */
    void askFull() {
        fullAsked = true;
    }

    /** The portal a check starting under {@code generation} may take as known; a full check asked for is used up. */
    Optional<KnownPortal> knownFor(long generation) {
        Optional<KnownPortal> known = fullAsked || this.generation != generation ? Optional.empty() : KnownPortal.after(last);
        fullAsked = false;
        return known;
    }

    void record(Classification c, long generation, Instant at) {
        this.last = c;
        this.generation = generation;
        this.at = at;
    }
}
