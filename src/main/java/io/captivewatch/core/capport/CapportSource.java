package io.captivewatch.core.capport;

import java.time.Duration;
import java.util.Optional;

/** Where an RFC 8908 API status comes from (the real one: {@link CapportLookup}). */
@FunctionalInterface
public interface CapportSource {
    /** The API's status, or empty when there is no API or it did not answer within {@code timeout}. */
    Optional<CapportStatus> fetch(Duration timeout);

    /** The network changed: forget what was remembered about the previous one (the discovered API URI). */
    default void networkChanged() {}

    /** No API: always empty. */
    static CapportSource none() {
        return timeout -> Optional.empty();
    }
}
