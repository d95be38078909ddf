package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.settings.NetworkHistory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps {@link NetworkHistory} (issue #20) from the monitor's states: a captive verdict on a network opens an
 * episode, the next online verdict on it closes it with the sign-in's duration, and a captive verdict after an
 * online one on the same network (no network change between) ends a session of known length. Runs on the
 * monitor's thread; the history's file is small and written atomically.
 */
public final class HistoryRecorder implements MonitorListener {
    private final NetworkHistory history;
    private final Clock clock;
    private String episodeKey;
    private Instant episodeStart;
    private boolean automatic;
    private String onlineKey;
    private Instant onlineSince;

    public HistoryRecorder(NetworkHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    /**
     * CaptiveWatch signed in by itself on the network {@code networkKey} (the desktop's replay says so). Flags the
     * network's open episode, or the one an online verdict has just closed: the monitor's own check can see the
     * portal let the client through before the replay has confirmed it, and that sign-in was still the replay's.
     */
    public synchronized void markAutomatic(String networkKey) {
        if (networkKey.equals(episodeKey)) {
            automatic = true;
        } else if (networkKey.equals(onlineKey)) { // online since that episode, no captive verdict or network change since
            history.signedInAutomatically(networkKey);
        }
    }

    @Override
    public synchronized void stateChanged(MonitorState s) {
        Optional<Verdict> v = s.verdict();
        Optional<NetworkIdentity> n = s.network();
        if (v.isEmpty() || n.isEmpty()) return;
        String key = n.get().key();
        String name = n.get().displayName();
        Instant now = clock.instant();
        if (v.get() == Verdict.CAPTIVE && !key.equals(episodeKey)) {
            if (key.equals(onlineKey) && onlineSince != null) {
                history.sessionEnded(key, name, Duration.between(onlineSince, now).toSeconds());
            }
            onlineKey = null;
            onlineSince = null;
            history.captive(key, name, now);
            episodeKey = key;
            episodeStart = now;
            automatic = false;
        } else if (v.get() == Verdict.ONLINE && key.equals(episodeKey)) {
            history.signedIn(key, name, Duration.between(episodeStart, now).toMillis(), automatic);
            episodeKey = null;
            onlineKey = key;
            onlineSince = now;
        }
    }

    @Override
    public synchronized void networkChanged(NetworkChange change) {
        episodeKey = null;
        onlineKey = null;
        onlineSince = null;
    }
}
