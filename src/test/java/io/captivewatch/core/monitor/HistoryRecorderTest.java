package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.settings.NetworkHistory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-network history (issue #20): episodes, sign-in durations, session lengths; bounded, atomic, reloaded. */
class HistoryRecorderTest {
    private static final NetworkIdentity HOTEL = new NetworkIdentity("wifi:Hotel", "Wi-Fi Hotel", "Hotel");
    private Instant now = Instant.parse("2026-12-01T08:00:00Z");

    private static MonitorState state(Verdict v, NetworkIdentity n) {
        return new MonitorState(false, false, Instant.EPOCH, Optional.of(Classifications.of(v)), Optional.empty(),
                Optional.empty(), Optional.ofNullable(n), Optional.empty());
    }

    /** A clock that reads {@link #now}, which each test moves on by hand. */
    private Clock clock() {
        return new Clock() {
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            public Clock withZone(java.time.ZoneId z) { return this; }
            public Instant instant() { return now; }
        };
    }

    @Test
    void episodesSignInTimesAndSessionLengthsAreKeptAndSurviveARestart(@TempDir Path dir) {
        NetworkHistory h = new NetworkHistory(dir);
        HistoryRecorder r = new HistoryRecorder(h, clock());
        r.stateChanged(state(Verdict.CAPTIVE, HOTEL));
        now = now.plusSeconds(12);
        r.stateChanged(state(Verdict.CAPTIVE, HOTEL)); // still the same episode
        now = now.plusSeconds(3);
        r.stateChanged(state(Verdict.ONLINE, HOTEL));
        now = now.plusSeconds(3600);
        r.stateChanged(state(Verdict.CAPTIVE, HOTEL)); // the session ended after an hour
        r.markAutomatic("wifi:Hotel");
        now = now.plusMillis(1500);
        r.stateChanged(state(Verdict.ONLINE, HOTEL));

        List<NetworkHistory.Episode> e = new NetworkHistory(dir).all().get("wifi:Hotel").episodes();
        assertThat(e).hasSize(2);
        assertThat(e.get(0).signInMillis()).isEqualTo(15_000);
        assertThat(e.get(0).sessionSeconds()).isEqualTo(3600);
        assertThat(e.get(0).automatic()).isFalse();
        assertThat(e.get(1).signInMillis()).isEqualTo(1500);
        assertThat(e.get(1).automatic()).isTrue();
        assertThat(new NetworkHistory(dir).all().get("wifi:Hotel").name()).isEqualTo("Wi-Fi Hotel");
    }

    @Test
    void aReplayConfirmedAfterTheMonitorSawTheNetworkOnlineIsStillAutomatic(@TempDir Path dir) {
        NetworkHistory h = new NetworkHistory(dir);
        HistoryRecorder r = new HistoryRecorder(h, clock());
        r.stateChanged(state(Verdict.CAPTIVE, HOTEL)); // the replay starts
        now = now.plusMillis(1100);
        r.stateChanged(state(Verdict.ONLINE, HOTEL)); // the monitor's own check, 40 ms before the replay's
        r.markAutomatic("wifi:Other"); // another network's word changes nothing here
        r.markAutomatic("wifi:Hotel");
        r.markAutomatic("wifi:Hotel"); // once is enough
        List<NetworkHistory.Episode> e = new NetworkHistory(dir).all().get("wifi:Hotel").episodes();
        assertThat(e).hasSize(1);
        assertThat(e.get(0).automatic()).isTrue();
        assertThat(e.get(0).signInMillis()).isEqualTo(1100);

        now = now.plusSeconds(60);
        r.stateChanged(state(Verdict.CAPTIVE, HOTEL)); // a new episode
        r.markAutomatic("wifi:Other"); // another network's replay does not make it automatic
        now = now.plusSeconds(5);
        r.stateChanged(state(Verdict.ONLINE, HOTEL)); // the user signed in
        assertThat(new NetworkHistory(dir).all().get("wifi:Hotel").episodes().get(1).automatic()).isFalse();
    }

    /** A recorder on {@code h} that has seen the hotel captive, then online, then a network change. */
    private static HistoryRecorder signedInThenNetworkChanged(NetworkHistory h) {
        HistoryRecorder r = new HistoryRecorder(h, Clock.systemUTC());
        r.stateChanged(state(Verdict.CAPTIVE, HOTEL));
        r.stateChanged(state(Verdict.ONLINE, HOTEL));
        r.networkChanged(new NetworkChange(Instant.now(), NetworkChange.Kind.CHANGED, List.of(), HOTEL));
        return r;
    }

    @Test
    void aLateMarkDoesNotReachAnEpisodeAfterANetworkChange(@TempDir Path dir) {
        NetworkHistory h = new NetworkHistory(dir);
        HistoryRecorder r = signedInThenNetworkChanged(h);
        r.markAutomatic("wifi:Hotel");
        assertThat(h.all().get("wifi:Hotel").episodes().get(0).automatic()).isFalse();
    }

    @Test
    void aNetworkChangeEndsNoSession(@TempDir Path dir) {
        NetworkHistory h = new NetworkHistory(dir);
        HistoryRecorder r = signedInThenNetworkChanged(h);
        r.stateChanged(state(Verdict.CAPTIVE, HOTEL));
        assertThat(h.all().get("wifi:Hotel").episodes().get(0).sessionSeconds()).isEqualTo(-1);
    }

    @Test
    void theFileStaysSmall(@TempDir Path dir) throws Exception {
        NetworkHistory h = new NetworkHistory(dir);
        for (int n = 0; n < NetworkHistory.MAX_NETWORKS + 5; n++) {
            for (int i = 0; i < NetworkHistory.MAX_EPISODES + 5; i++) h.captive("net" + n, "Network " + n, Instant.ofEpochSecond(i));
        }
        assertThat(h.all()).hasSize(NetworkHistory.MAX_NETWORKS).doesNotContainKey("net0");
        assertThat(h.all().values()).allMatch(x -> x.episodes().size() == NetworkHistory.MAX_EPISODES);
        assertThat(Files.size(h.file())).isLessThan(NetworkHistory.MAX_BYTES);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly(NetworkHistory.FILE_NAME); // no temporary left
        }
    }
}
