package io.captivewatch.core.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The monitor's listeners: added and removed from any thread, called on the monitor thread, one failing listener
 * logged and the others still called; and the rate rule of {@link MonitorListener#networkActivity}.
 */
final class MonitorListeners {
    private static final Logger LOG = Logger.getLogger(Monitor.class.getName());

    /**
     * Network activity is reported to listeners at most this often: a join is a burst of hints (addresses,
     * routes, IPv6) and one report is enough. A network that left (or changed) ends the burst: the next join is
     * reported at once however soon it comes (a Wi-Fi that reconnects, a move to the hotel's other network). What
     * listeners start on it must bound itself (the prepared login process ends after 30 s unused).
     */
    static final Duration ACTIVITY_QUIET = Duration.ofSeconds(5);

    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
    private Instant lastActivity; // last networkActivity fired (monitor thread)

    void add(MonitorListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    void remove(MonitorListener l) {
        listeners.remove(l);
    }

    /** Calls every listener; one that throws is logged and the others are still called. */
    void fire(Consumer<MonitorListener> call) {
        for (MonitorListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "monitor listener failed", e);
            }
        }
    }

    /** The network left or changed: the next activity starts a new burst. */
    void burstEnded() {
        lastActivity = null;
    }

    /**
     * Reports network activity seen at {@code now}, unless it was reported less than {@link #ACTIVITY_QUIET} ago
     * and no network left or changed since.
     */
    void networkActivity(Instant now) {
        if (lastActivity != null && Duration.between(lastActivity, now).compareTo(ACTIVITY_QUIET) < 0) return;
        lastActivity = now;
        fire(MonitorListener::networkActivity);
    }
}
