package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.detect.Detector;
import io.captivewatch.core.detect.KnownPortal;
import io.captivewatch.core.probe.ProbeSpec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One connectivity check; {@code core.Detector::check} fits, {@link #of(Detector)} also takes its re-check hint. */
@FunctionalInterface
public interface CheckFunction {
    Classification check(List<ProbeSpec> probes, Duration timeout) throws InterruptedException;

    /**
     * A check while the monitor knows a portal on this network ({@code known} present): the monitor asks this for
     * every check but the user's "Check now" while its last result was captive. By default a full check.
     */
    default Classification check(List<ProbeSpec> probes, Duration timeout, Optional<KnownPortal> known)
            throws InterruptedException {
        return check(probes, timeout);
    }

    /** The product's check: {@code detector}, given the known portal as its re-check hint. */
    static CheckFunction of(Detector detector) {
        return new CheckFunction() {
            @Override
            public Classification check(List<ProbeSpec> probes, Duration timeout) throws InterruptedException {
                return detector.check(probes, timeout);
            }

            @Override
            public Classification check(List<ProbeSpec> probes, Duration timeout, Optional<KnownPortal> known)
                    throws InterruptedException {
                return detector.check(probes, timeout, known.orElse(null));
            }
        };
    }
}
