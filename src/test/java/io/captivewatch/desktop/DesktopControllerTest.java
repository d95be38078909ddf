package io.captivewatch.desktop;

import io.captivewatch.core.detect.Detector;
import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.advice.AdviceCatalog;
import io.captivewatch.core.advice.Os;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.monitor.Monitor;
import io.captivewatch.core.network.NetworkWatcher;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.desktop.tray.TrayMenuModel;
import io.captivewatch.desktop.tray.TrayMenuModel.Item;
import io.captivewatch.desktop.icons.StatusIcon;
import io.captivewatch.desktop.tray.TrayStatus;
import io.captivewatch.desktop.tray.TrayUi;
import io.captivewatch.testing.Await;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.testing.PortalSimulator.Scenario;
import io.captivewatch.core.url.WebUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The controller between a real monitor (checking a loopback portal simulator) and recording tray/window fakes. */
class DesktopControllerTest {
    static final Duration WAIT = Duration.ofSeconds(15);

    PortalSimulator sim;
    Detector detector;
    Monitor monitor;
    final RecordingWindows windows = new RecordingWindows();
    final RecordingTray tray = new RecordingTray();
    final AtomicInteger quits = new AtomicInteger();
    DesktopController controller;

    void start(Scenario scenario, PopupBehaviour popup) throws Exception {
        start(scenario, popup, NetworkWatcher.none());
    }

    void start(Scenario scenario, PopupBehaviour popup, NetworkWatcher watcher) throws Exception {
        sim = new PortalSimulator(scenario).start();
        detector = new Detector();
        monitor = Monitor.builder(detector::check)
                .settings(Settings.defaults().withCaptiveIntervalSeconds(1).withPopup(popup))
                .network(watcher)
                .probes(List.of(ProbeSpec.forUrl(sim.url("/generate_204"))))
                .build();
        controller = new DesktopController(monitor, windows, quits::incrementAndGet, line -> {});
        controller.attach(tray);
        monitor.addListener(controller);
        monitor.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (monitor != null) monitor.close();
        if (detector != null) detector.close();
        if (sim != null) sim.close();
    }

    StatusIcon icon() {
        return tray.status.get().state();
    }

    @Test
    void portalOpensTheLoginWindowOnceAndOnlineClosesIt() throws Exception {
        start(Scenario.REDIRECT_302, PopupBehaviour.OPEN_AUTOMATICALLY);
        Await.until("captive icon", () -> icon() == StatusIcon.CAPTIVE, WAIT);
        Await.until("login opened", () -> windows.logins.size() == 1, WAIT);
        assertThat(windows.logins.get(0).getPath()).isEqualTo("/login");
        assertThat(tray.notes).hasSize(1);
        assertThat(tray.notes.get(0)).startsWith("Sign-in required");
        int requests = sim.requestCount();
        Await.until("two captive re-checks", () -> sim.requestCount() >= requests + 2, WAIT);
        assertThat(windows.logins).as("once per episode").hasSize(1);

        // the user asks to sign in again: opens again, without a notification
        controller.perform(Item.SIGN_IN);
        Await.until("login reopened", () -> windows.logins.size() == 2, WAIT);
        assertThat(tray.notes).hasSize(1);

        sim.setScenario(Scenario.ONLINE_204);
        Await.until("online icon", () -> icon() == StatusIcon.ONLINE, WAIT);
        Await.until("login told to close", () -> windows.cleared.get() == 1, WAIT);
    }

    @Test
    void askFirstOnlyNotifies() throws Exception {
        start(Scenario.REDIRECT_302, PopupBehaviour.ASK);
        Await.until("captive icon", () -> icon() == StatusIcon.CAPTIVE, WAIT);
        Await.until("notification", () -> !tray.notes.isEmpty(), WAIT);
        assertThat(tray.notes.get(0)).startsWith("Sign-in required").endsWith("[" + io.captivewatch.core.i18n.Messages.t(DesktopController.SIGN_IN) + "]");
        assertThat(windows.logins).isEmpty();
        tray.offered.get().run(); // the notification's "Sign in" button
        Await.until("login opened on request", () -> windows.logins.size() == 1, WAIT);
    }

    @Test
    void pauseResumeDetailsAdviceSettingsQuit() throws Exception {
        start(Scenario.STATUS_401, PopupBehaviour.OPEN_AUTOMATICALLY);
        Await.until("auth icon", () -> icon() == StatusIcon.AUTH_REQUIRED, WAIT);
        assertThat(windows.logins).as("a 401 is not a portal").isEmpty();

        controller.perform(Item.DETAILS);
        assertThat(windows.details).hasSize(1);
        assertThat(windows.details.get(0).verdict()).isEqualTo(Verdict.AUTH_REQUIRED);

        controller.perform(Item.ADVICE);
        assertThat(windows.advice.get()).isNotNull().isNotEmpty();

        controller.perform(Item.PAUSE);
        Await.until("paused icon", () -> icon() == StatusIcon.PAUSED, WAIT);
        assertThat(monitor.state().paused()).isTrue();
        controller.perform(Item.PAUSE);
        Await.until("resumed", () -> !monitor.state().paused() && icon() == StatusIcon.AUTH_REQUIRED, WAIT);

        int before = sim.requestCount();
        controller.onMessage("check");
        Await.until("checked on a second start's message", () -> sim.requestCount() > before, WAIT);
        assertThat(tray.reveals.get()).isEqualTo(1);

        controller.perform(Item.SETTINGS);
        assertThat(windows.settings.get()).isEqualTo(1);
        controller.perform(Item.QUIT);
        assertThat(quits.get()).isEqualTo(1);
    }

    @Test
    void adviceFromTheMenuAndFromTheLoginWindowComeFromTheCatalogForThisNetwork() throws Exception {
        var hotel = new io.captivewatch.core.network.NetworkIdentity("ssid:HotelGuest", "HotelGuest", "HotelGuest");
        start(Scenario.REDIRECT_302, PopupBehaviour.NEVER, on(hotel));
        Await.until("captive icon", () -> icon() == StatusIcon.CAPTIVE, WAIT);
        Classification last = monitor.state().last().orElseThrow();

        controller.perform(Item.ADVICE);
        assertThat(windows.advice.get()).isEqualTo(AdviceCatalog.builtIn().select(last, Os.current(), "HotelGuest", false))
                .extracting(Advice::id).contains("sign-in").doesNotContain("page-did-not-load");

        controller.loginPageFailed();
        assertThat(windows.advice.get()).isEqualTo(AdviceCatalog.builtIn().select(last, Os.current(), "HotelGuest", true))
                .extracting(Advice::id).contains("sign-in", "page-did-not-load");
    }

    @Test
    void aboutThisNetworkOpensOnlyAnHttpVenuePageAndSaysSoWhenThereIsNone() {
        var api = java.net.URI.create("https://10.99.0.1/api");
        var venue = java.net.URI.create("https://10.99.0.1/venue");
        java.util.function.Function<java.net.URI, io.captivewatch.core.monitor.MonitorState> with = v -> new io.captivewatch.core.monitor.MonitorState(false, false, java.time.Instant.EPOCH,
                java.util.Optional.of(new io.captivewatch.core.classify.Classification(io.captivewatch.core.classify.Verdict.ONLINE, "",
                        java.util.Optional.empty(), List.of(), List.of(), List.of(),
                        java.util.Optional.of(new io.captivewatch.core.capport.CapportStatus(api, "test", false, java.util.Optional.empty(),
                                java.util.Optional.ofNullable(v), java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), false, List.of())))),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
        assertThat(DesktopController.venueInfo(with.apply(venue))).contains(io.captivewatch.core.url.WebUrl.require(venue));
        assertThat(DesktopController.venueInfo(with.apply(java.net.URI.create("http://127.0.0.1:631/")))).isEmpty();
        assertThat(DesktopController.venueInfo(with.apply(null))).isEmpty();
    }

    static final class RecordingWindows implements AppWindows {
        final List<URI> logins = new CopyOnWriteArrayList<>();
        final AtomicInteger cleared = new AtomicInteger();
        final List<Classification> details = new CopyOnWriteArrayList<>();
        final AtomicReference<List<Advice>> advice = new AtomicReference<>();
        final AtomicInteger settings = new AtomicInteger();

        @Override public void openLogin(WebUrl url) { logins.add(url.uri()); }
        @Override public void loginCleared() { cleared.incrementAndGet(); }
        @Override public void showDetails(Classification c) { details.add(c); }
        @Override public void showAdvice(Classification c, List<Advice> a) { advice.set(a); }
        @Override public void showSettings() { settings.incrementAndGet(); }
        @Override public void closeAll() {}
        final AtomicInteger prepared = new AtomicInteger();
        @Override public void prepareLogin() { prepared.incrementAndGet(); }
    }

    @Test
    void networkActivityPreparesTheLoginWindowOnlyWhereItWouldOpenByItself() throws Exception {
        start(Scenario.ONLINE_204, PopupBehaviour.OPEN_AUTOMATICALLY);
        Await.until("online", () -> icon() == StatusIcon.ONLINE, WAIT);
        controller.networkActivity();
        assertThat(windows.prepared).hasValue(1);
        monitor.updateSettings(s -> s.withPopup(PopupBehaviour.ASK)).get(15, java.util.concurrent.TimeUnit.SECONDS);
        controller.networkActivity();
        assertThat(windows.prepared).as("ASK opens no window by itself").hasValue(1);
        monitor.updateSettings(s -> s.withPopup(PopupBehaviour.NEVER)).get(15, java.util.concurrent.TimeUnit.SECONDS);
        controller.networkActivity();
        assertThat(windows.prepared).hasValue(1);
    }

    /** A network that is simply there: the hotel's Wi-Fi. */
    static NetworkWatcher on(io.captivewatch.core.network.NetworkIdentity net) {
        return new NetworkWatcher() {
            @Override public void start(java.util.function.Consumer<io.captivewatch.core.network.NetworkChange> l) {}
            @Override public java.util.Optional<io.captivewatch.core.network.NetworkIdentity> current() { return java.util.Optional.of(net); }
            @Override public void close() {}
        };
    }

    @Test
    void dontAskAgainOnThisNetworkIsRememberedAndStopsThePopup() throws Exception {
        var hotel = new io.captivewatch.core.network.NetworkIdentity("ssid:HotelGuest", "HotelGuest", "HotelGuest");
        start(Scenario.ONLINE_204, PopupBehaviour.OPEN_AUTOMATICALLY, on(hotel));
        Await.until("online on the hotel network", () -> icon() == StatusIcon.ONLINE
                && "HotelGuest".equals(tray.status.get().networkName()), WAIT);
        assertThat(TrayMenuModel.entry(tray.status.get(), Item.NEVER_ASK_HERE).enabled()).isTrue();

        controller.perform(Item.ALWAYS_OPEN_HERE);
        Await.until("always open saved", () -> monitor.settings().network("ssid:HotelGuest").alwaysOpen(), WAIT);
        controller.perform(Item.NEVER_ASK_HERE);
        Await.until("don't ask saved, and it replaces always open", () -> monitor.settings().network("ssid:HotelGuest")
                .equals(new io.captivewatch.core.settings.NetworkPrefs(true, false)), WAIT);
        assertThat(TrayMenuModel.entry(tray.status.get(), Item.NEVER_ASK_HERE).label()).isEqualTo("Ask again on this network");

        sim.setScenario(Scenario.REDIRECT_302);
        monitor.checkNow();
        Await.until("captive", () -> icon() == StatusIcon.CAPTIVE, WAIT);
        int requests = sim.requestCount();
        Await.until("a captive re-check", () -> sim.requestCount() >= requests + 1, WAIT);
        assertThat(windows.logins).as("no popup on a network the user muted").isEmpty();
        controller.perform(Item.SIGN_IN);
        Await.until("Sign in… still opens it", () -> windows.logins.size() == 1, WAIT);
    }

    static final class RecordingTray implements TrayUi {
        final AtomicReference<TrayStatus> status = new AtomicReference<>(TrayStatus.initial());
        final List<String> notes = new CopyOnWriteArrayList<>();
        final AtomicInteger reveals = new AtomicInteger();

        @Override public void setState(TrayStatus s) { status.set(s); }
        @Override public void notify(String title, String message) { notes.add(title + ": " + message); }
        final AtomicReference<Runnable> offered = new AtomicReference<>();
        @Override public void notify(String title, String message, String actionLabel, Runnable action) {
            offered.set(action);
            notes.add(title + ": " + message + " [" + actionLabel + "]");
        }
        @Override public void reveal() { reveals.incrementAndGet(); }
        @Override public void close() {}
        @Override public TrayStatus status() { return status.get(); }
    }
}
