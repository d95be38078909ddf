package io.captivewatch.core.network;

import java.time.Instant;
import java.util.List;

/**
 * A debounced network change: what differs between the last two network snapshots.
 *
 * @param at      when it was noticed
 * @param kind    joined (had no route, now has one), left (lost it), or changed (other differences)
 * @param details human-readable differences ("eth0: +10.0.0.5/24", "default route via 10.0.0.1", "SSID HotelGuest")
 * @param network the network now, if any
 */
public record NetworkChange(Instant at, Kind kind, List<String> details, NetworkIdentity network) {
    public enum Kind { JOINED, LEFT, CHANGED }

    public NetworkChange {
        details = List.copyOf(details);
    }
}
