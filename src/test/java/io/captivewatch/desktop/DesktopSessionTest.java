package io.captivewatch.desktop;

import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.monitor.Monitor;
import io.captivewatch.core.monitor.SessionInfo;
import io.captivewatch.core.network.NetworkWatcher;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.desktop.DesktopControllerTest.RecordingWindows;
import io.captivewatch.desktop.tray.TrayStatus;
import io.captivewatch.desktop.tray.TrayUi;
import io.captivewatch.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The controller's reaction to an RFC 8908 session: tooltip, "session ends" notification, "Sign in again". */
class DesktopSessionTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final URI PORTAL = URI.create("http://127.0.0.1:9/portal");

    Monitor monitor;
    final RecordingWindows windows = new RecordingWindows();
    final ActionTray tray = new ActionTray();
    final List<String> debug = new CopyOnWriteArrayList<>();
    DesktopController controller;

    static Classification online(long seconds, Optional<URI> portal) {
        CapportStatus api = new CapportStatus(URI.create("http://127.0.0.1:9/api"), "test", false, portal,
                Optional.empty(), OptionalLong.of(seconds), OptionalLong.of(120_000_000L), true, List.of());
        return new Classification(Verdict.ONLINE, "online", Optional.empty(), List.of(), List.of(), List.of(), Optional.of(api));
    }

    void start(Classification result) {
        // a real monitor (system clock and threads) whose checker answers at once
        monitor = Monitor.builder((probes, timeout) -> result).settings(Settings.defaults())
                .network(NetworkWatcher.none()).build();
        controller = new DesktopController(monitor, windows, () -> {}, debug::add);
        controller.attach(tray);
        monitor.addListener(controller);
        monitor.start();
    }

    @AfterEach
    void tearDown() {
        if (monitor != null) monitor.close();
    }

    @Test
    void tooltipShowsTimeAndDataLeft() {
        start(online(42 * 60 + 30, Optional.of(PORTAL)));
        Await.until("session shown", () -> tray.status.get().hasSession(), WAIT);
        TrayStatus s = tray.status.get();
        Instant checked = s.lastCheck();
        assertThat(s.tooltip(ZoneOffset.UTC, checked)).contains("Online · Session: 42 min left · 120 MB left · Network");
        assertThat(tray.notes).as("no warning 42 minutes ahead").isEmpty();
    }

    @Test
    void endingSessionNotifiesAndSignInAgainOpensTheUserPortal() {
        start(online(3, Optional.of(PORTAL))); // shorter than the warning lead: warns at once
        Await.until("notification", () -> !tray.notes.isEmpty(), WAIT);
        assertThat(tray.notes.get(0)).startsWith(io.captivewatch.core.i18n.Messages.t(DesktopController.SESSION_TITLE) + ": Your Wi-Fi session ends in 1 min (120 MB left)");
        assertThat(tray.actionLabel.get()).isEqualTo(io.captivewatch.core.i18n.Messages.t(DesktopController.SIGN_IN_AGAIN));
        assertThat(windows.logins).isEmpty();
        tray.action.get().run();
        assertThat(windows.logins).containsExactly(PORTAL);
    }

    @Test
    void withoutAUserPortalSignInAgainGoesThroughTheMonitor() {
        start(online(3, Optional.empty()));
        Await.until("notification", () -> tray.action.get() != null, WAIT);
        tray.action.get().run();
        // monitor.signIn() prompts (automatic=false) on its fallback URL: the probe's plain-http URL
        Await.until("login opened via the monitor", () -> windows.logins.size() == 1, WAIT);
        assertThat(debug).contains("session sign-in via monitor");
    }

    @Test
    void messageCountsWholeMinutesUp() {
        SessionInfo info = new SessionInfo(Instant.parse("2026-11-23T10:00:00Z"), OptionalLong.empty(), Optional.empty(), false);
        assertThat(DesktopController.sessionMessage(info, Instant.parse("2026-11-23T09:58:00Z")))
                .isEqualTo("Your Wi-Fi session ends in 2 min.");
        assertThat(DesktopController.sessionMessage(info, Instant.parse("2026-11-23T09:57:59Z")))
                .isEqualTo("Your Wi-Fi session ends in 3 min.");
        // the controller's own clock decides N
        monitor = Monitor.builder((probes, timeout) -> online(60, Optional.empty())).network(NetworkWatcher.none()).build();
        controller = new DesktopController(monitor, windows, () -> {}, debug::add);
        controller.clock = Clock.fixed(Instant.parse("2026-11-23T09:55:00Z"), ZoneOffset.UTC);
        controller.attach(tray);
        controller.sessionExpiring(info);
        assertThat(tray.notes).containsExactly(io.captivewatch.core.i18n.Messages.t(DesktopController.SESSION_TITLE) + ": Your Wi-Fi session ends in 5 min.");
    }

    /** A tray that records notifications and the offered action. */
    static class ActionTray implements TrayUi {
        final AtomicReference<TrayStatus> status = new AtomicReference<>(TrayStatus.initial());
        final List<String> notes = new CopyOnWriteArrayList<>();
        final AtomicReference<String> actionLabel = new AtomicReference<>();
        final AtomicReference<Runnable> action = new AtomicReference<>();

        @Override public void setState(TrayStatus s) { status.set(s); }
        @Override public void notify(String title, String message) { notes.add(title + ": " + message); }
        @Override public void notify(String title, String message, String label, Runnable a) {
            actionLabel.set(label);
            action.set(a);
            notify(title, message);
        }
        @Override public void close() {}
        @Override public TrayStatus status() { return status.get(); }
    }
}
