package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.probe.ProbeSpec;

import java.time.Duration;
import java.util.List;

/** One connectivity check; {@code core.Detector::check} fits. */
@FunctionalInterface
public interface CheckFunction {
    Classification check(List<ProbeSpec> probes, Duration timeout) throws InterruptedException;
}
