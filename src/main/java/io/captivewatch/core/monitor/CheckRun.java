package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.probe.ProbeSpec;

import io.captivewatch.core.settings.Settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/** One check: the probes it uses, and the job for the check executor (a failing checker counts as OFFLINE, an interrupted one as no result). */
final class CheckRun {
    private static final Logger LOG = Logger.getLogger(Monitor.class.getName());

    private CheckRun() {}

    /**
     * Runs {@code checker} and hands {@code done} its result: null when interrupted (closing); a re-check while
     * {@code known} when present (see {@link CheckFunction#check(List, Duration, Optional)}).
     */
    static Runnable of(CheckFunction checker, List<ProbeSpec> probes, Duration timeout,
                       Optional<io.captivewatch.core.detect.KnownPortal> known, Consumer<Classification> done) {
        return () -> {
            Classification c;
            try {
                c = known.isPresent() ? checker.check(probes, timeout, known) : checker.check(probes, timeout);
                if (c == null) c = failed("the checker returned nothing");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c = null;
            } catch (RuntimeException | Error e) {
                LOG.warning("check failed: " + e);
                c = failed(e.toString());
            }
            done.accept(c);
        };
    }

    /** The probes a check uses under {@code s}: its URLs (unusable ones skipped, with a warning), else the built-in ones. */
    static List<ProbeSpec> probesFor(Settings s) {
        List<ProbeSpec> out = new ArrayList<>();
        for (String u : s.probes()) {
            try {
                out.add(ProbeSpec.parse(u));
            } catch (IllegalArgumentException e) {
                LOG.warning("ignoring probe " + u + ": " + e.getMessage());
            }
        }
        return out.isEmpty() ? ProbeSpec.defaults() : out;
    }

    static Classification failed(String why) {
        return new Classification(Verdict.OFFLINE, "The check itself failed: " + why, Optional.empty(),
                List.of(), List.of(), List.of(), Optional.empty());
    }
}
