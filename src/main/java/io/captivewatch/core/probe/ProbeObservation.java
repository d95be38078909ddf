package io.captivewatch.core.probe;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one probe saw: each response of its redirect chain in order (the first answered the
 * probe URL itself), or the error that stopped it. Immutable; the classifier and the extractor are
 * pure functions of it.
 *
 * @param spec              the probe
 * @param startedAt         wall-clock start
 * @param hops              responses in order; empty when the first request failed
 * @param error             why the chain ended without a final answer, or null if it has one
 * @param errorDetail       human text for the error ("" if none)
 * @param elapsedMs         total time of the probe, all hops included
 * @param resolvedAddresses IP addresses the probe host resolved to (may be empty when unknown)
 */
public record ProbeObservation(ProbeSpec spec, Instant startedAt, List<RecordedResponse> hops,
                               ErrorKind error, String errorDetail, long elapsedMs,
                               List<String> resolvedAddresses) {

    public ProbeObservation {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(startedAt, "startedAt");
        hops = List.copyOf(hops);
        errorDetail = errorDetail == null ? "" : errorDetail;
        resolvedAddresses = resolvedAddresses == null ? List.of() : List.copyOf(resolvedAddresses);
        if (hops.isEmpty() && error == null) {
            throw new IllegalArgumentException("an observation without responses must carry an error");
        }
    }

    /** An observation of one recorded response (no network involved): what {@code analyze} builds. */
    public static ProbeObservation ofResponse(ProbeSpec spec, RecordedResponse response) {
        return new ProbeObservation(spec, Instant.EPOCH, List.of(response), null, "", Math.max(0, response.elapsedMs()), List.of());
    }

    public static ProbeObservation failed(ProbeSpec spec, Instant startedAt, ErrorKind error, String detail, long elapsedMs) {
        return new ProbeObservation(spec, startedAt, List.of(), error, detail, elapsedMs, List.of());
    }

    /** The first response (to the probe URL itself). */
    public Optional<RecordedResponse> first() {
        return hops.isEmpty() ? Optional.empty() : Optional.of(hops.get(0));
    }

    /** The last response received. */
    public Optional<RecordedResponse> last() {
        return hops.isEmpty() ? Optional.empty() : Optional.of(hops.get(hops.size() - 1));
    }

    public boolean failed() {
        return error != null;
    }

    /** Whether the genuine server's answer came back directly, without redirects. */
    public boolean succeeded() {
        return error == null && hops.size() == 1 && spec.expectation().matches(hops.get(0));
    }
}
