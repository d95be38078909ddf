package io.captivewatch.desktop.tray;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.monitor.MonitorState;
import io.captivewatch.core.monitor.SessionInfo;
import io.captivewatch.core.url.WebUrl;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Session time / data left in the tray's tooltip. */
class TrayStatusSessionTest {
    static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    static TrayStatus online(Instant ends, OptionalLong bytes) {
        return new TrayStatus(Optional.of(Verdict.ONLINE), "HotelGuest", NOW, false, false, null,
                false, ends, bytes);
    }

    @Test
    void tooltipShowsMinutesAndBytesLeft() {
        TrayStatus s = online(NOW.plusSeconds(42 * 60 + 30), OptionalLong.of(120_000_000L));
        assertThat(s.tooltip(ZoneOffset.UTC, NOW)).isEqualTo(
                "CaptiveWatch: Online · Session: 42 min left · 120 MB left · Network: HotelGuest · Last check: 10:15:30");
        assertThat(s.tooltip(ZoneOffset.UTC, NOW)).hasSizeLessThanOrEqualTo(127);
        assertThat(online(NOW.plusSeconds(600), OptionalLong.empty()).tooltip(ZoneOffset.UTC, NOW))
                .contains("Session: 10 min left · Network");
    }

    @Test
    void sessionLineFormats() {
        assertThat(online(NOW.plusSeconds(30), OptionalLong.empty()).sessionLine(NOW)).contains("Session: under 1 min left");
        assertThat(online(NOW.plusSeconds(3900), OptionalLong.of(1_550_000_000L)).sessionLine(NOW))
                .contains("Session: 1 h 5 min left · 1.5 GB left");
        assertThat(online(NOW, OptionalLong.empty()).sessionLine(NOW.plusSeconds(5))).contains("Session: ended");
        assertThat(online(null, OptionalLong.empty()).sessionLine(NOW)).isEmpty();
        assertThat(online(null, OptionalLong.empty()).tooltip(ZoneOffset.UTC, NOW)).doesNotContain("Session");
        assertThat(TrayStatus.bytes(900_500)).isEqualTo("900 kB");
        assertThat(TrayStatus.bytes(1)).isEqualTo("1 byte");
        assertThat(TrayStatus.duration(7200)).isEqualTo("2 h");
    }

    @Test
    void fromMonitorStateCarriesTheSession() {
        SessionInfo info = new SessionInfo(NOW.plusSeconds(1200), OptionalLong.of(5_000_000L),
                Optional.of(WebUrl.require(URI.create("https://portal.test/"))), true);
        MonitorState m = new MonitorState(false, false, null, Optional.empty(), Optional.of(NOW), Optional.empty(),
                Optional.empty(), Optional.of(info));
        TrayStatus s = TrayStatus.from(m);
        assertThat(s.hasSession()).isTrue();
        assertThat(s.sessionEndsAt()).isEqualTo(NOW.plusSeconds(1200));
        assertThat(s.sessionLine(NOW)).contains("Session: 20 min left · 5 MB left");
        MonitorState none = new MonitorState(false, false, null, Optional.empty(), Optional.of(NOW), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(TrayStatus.from(none).hasSession()).isFalse();
    }
}
