package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.NetworkIdentity;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of the monitor, immutable.
 *
 * @param checking   a check is running now
 * @param paused     checks are paused until {@code pausedUntil}
 * @param pausedUntil when a pause ends (meaningful when paused)
 * @param last       the last completed check's result
 * @param lastCheck  when the last check finished
 * @param nextCheck  when the next scheduled check is due
 * @param network    the current network's identity ("Wi-Fi HotelGuest", or an interface/gateway key)
 * @param session    the session the captive-portal API (RFC 8908) announced on the last check (not captive,
 *                   with seconds-remaining): when it ends, bytes left, where to extend it
 */
public record MonitorState(boolean checking, boolean paused, Instant pausedUntil,
                           Optional<Classification> last, Optional<Instant> lastCheck,
                           Optional<Instant> nextCheck, Optional<NetworkIdentity> network,
                           Optional<SessionInfo> session) {

    public MonitorState {
        session = session == null ? Optional.empty() : session;
    }

    /** The last verdict, if any check completed. */
    public Optional<Verdict> verdict() {
        return last.map(Classification::verdict);
    }
}
