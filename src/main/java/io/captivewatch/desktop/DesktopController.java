package io.captivewatch.desktop;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.advice.AdviceCatalog;
import io.captivewatch.core.advice.Os;
import io.captivewatch.core.monitor.LoginPrompt;
import io.captivewatch.core.monitor.Monitor;
import io.captivewatch.core.monitor.MonitorListener;
import io.captivewatch.core.monitor.MonitorState;
import io.captivewatch.core.settings.NetworkPrefs;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.monitor.SessionInfo;
import io.captivewatch.core.url.WebUrl;
import io.captivewatch.core.url.SafeUrl;
import io.captivewatch.desktop.tray.TrayActions;
import io.captivewatch.desktop.tray.TrayMenuModel;
import io.captivewatch.desktop.tray.TrayStatus;
import io.captivewatch.desktop.tray.TrayUi;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Glue between the monitor and the desktop: monitor events become tray states, notifications and
 * windows; menu actions become monitor commands. Holds no UI itself ({@link TrayUi} and {@link AppWindows}
 * hop to their own threads), so every method may be called from any thread.
 */
public final class DesktopController implements MonitorListener, TrayActions {
    /** How long "Pause checks" pauses. */
    public static final Duration PAUSE = Duration.ofHours(1);

    private final Monitor monitor;
    private final AppWindows windows;
    private final Runnable quit;
    private final Consumer<String> debug;
    private volatile TrayUi tray;
    private volatile TrayStatus lastStatus;
    /** Issue #20: signs in by itself where the user asked for it (null: off, as in tests that do not set it). */
    private volatile AutoSignIn autoSignIn;
    /** Clock for "ends in N min" (tests may replace it). */
    volatile Clock clock = Clock.systemUTC();

    /** Message key: title of the session-ending notification. */
    public static final String SESSION_TITLE = "notify.session.title";
    /** Message key: the action offered with it. */
    public static final String SIGN_IN_AGAIN = "notify.session.signInAgain";
    /** Message key: the action offered with an "ask first" sign-in notification. */
    public static final String SIGN_IN = "notify.signInRequired.action";

    /**
     * @param monitor the monitor to command
     * @param windows where windows open
     * @param quit    what Quit does (remove the tray icon, stop JavaFX, exit)
     * @param debug   receives one line per event, for tests and {@code -Dcaptivewatch.debug=true}
     */
    public DesktopController(Monitor monitor, AppWindows windows, Runnable quit, Consumer<String> debug) {
        this.monitor = monitor;
        this.windows = windows;
        this.quit = quit;
        this.debug = debug;
    }

    /** Turns on automatic sign-in (issue #20) where a network has a recipe. */
    public void autoSignIn(AutoSignIn a) {
        this.autoSignIn = a;
    }

    /** Connects the tray (it is created after the controller, because it calls back into it). */
    public void attach(TrayUi tray) {
        this.tray = tray;
        tray.setState(status(monitor.state()));
    }

    // ---------------------------------------------------------------- monitor events (monitor thread)

    @Override
    public void stateChanged(MonitorState state) {
        TrayStatus s = status(state);
        if (s.equals(lastStatus)) return; // the monitor also reports changes the tray does not show
        lastStatus = s;
        TrayUi t = tray;
        if (t != null) t.setState(s);
        debug.accept("state " + s.state() + " verdict=" + s.verdict().map(Enum::name).orElse("-")
                + " checking=" + s.checking() + " paused=" + s.paused() + " network=" + s.networkName());
    }

    @Override
    public void networkChanged(NetworkChange change) {
        debug.accept("network " + change.kind() + " " + String.join(", ", change.details()));
    }

    /**
     * The network is changing: when a portal here would open the login window by itself, have it ready, so it
     * appears within a moment of the verdict instead of after a JVM and JavaFX start (docs/BENCHMARKS.md).
     */
    @Override
    public void networkActivity() {
        if (monitor.settings().popup() != PopupBehaviour.OPEN_AUTOMATICALLY) return;
        debug.accept("network activity: preparing the login window");
        windows.prepareLogin();
    }

    @Override
    public void promptLogin(LoginPrompt p) {
        String where = p.network() == null ? Messages.t("notify.thisNetwork") : p.network().displayName();
        // issue #20: where the user turned automatic sign-in on, the monitor's own prompt tries that first
        // (whatever the pop-up setting); the user's "Sign in…" always opens the window
        AutoSignIn a = autoSignIn;
        if (p.automatic() && a != null && a.tryReplay(p, () -> promptAsUsual(p, where))) return;
        promptAsUsual(p, where);
    }

    private void promptAsUsual(LoginPrompt p, String where) {
        TrayUi t = tray;
        if (p.askFirst()) {
            debug.accept("prompt ask " + p.url());
            // a "Sign in" button on the notification where the desktop shows one, else the tray says how to act
            if (t != null) t.notify(Messages.t("notify.signInRequired.title"), Messages.t("notify.signInRequired.body", where),
                    Messages.t(SIGN_IN), () -> perform(TrayMenuModel.Item.SIGN_IN));
            return;
        }
        openLogin(p, where);
    }

    private void openLogin(LoginPrompt p, String where) {
        TrayUi t = tray;
        if (p.automatic() && t != null) t.notify(Messages.t("notify.signInRequired.title"), Messages.t("notify.signInRequired.opening", where));
        debug.accept("prompt open " + p.url());
        AutoSignIn a = autoSignIn;
        if (a != null) a.signInStarted();
        windows.openLogin(p.url());
    }

    @Override
    public void portalCleared(MonitorState state) {
        debug.accept("portal cleared");
        windows.loginCleared();
        AutoSignIn a = autoSignIn;
        if (a != null) a.signedIn(); // issue #20: the offer comes from the tray, the window closes at once (#17)
    }

    @Override
    public void sessionExpiring(SessionInfo info) {
        debug.accept("session expiring at " + info.expiresAt());
        TrayUi t = tray;
        if (t == null) return;
        t.notify(Messages.t(SESSION_TITLE), sessionMessage(info, clock.instant()), Messages.t(SIGN_IN_AGAIN), () -> signInAgain(info));
    }

    /** "Your Wi-Fi session ends in 2 min (120 MB left)." in the app's language; whole minutes, rounded up. */
    static String sessionMessage(SessionInfo info, java.time.Instant now) {
        Messages m = Messages.current();
        long secs = info.secondsRemaining(now);
        String left = m.duration(Math.max(1, (secs + 59) / 60) * 60);
        return info.bytesRemaining().isPresent()
                ? m.get("notify.session.endsInWithData", left, m.bytes(info.bytesRemaining().getAsLong()))
                : m.get("notify.session.endsIn", left);
    }

    /**
     * "Sign in again" on a session-ending notification: the login window on the API's user-portal-url, or,
     * without one, the monitor's usual sign-in path.
     */
    void signInAgain(SessionInfo info) {
        Optional<WebUrl> portal = info.userPortalUrl();
        if (portal.isPresent()) {
            debug.accept("prompt open " + portal.get());
            AutoSignIn a = autoSignIn;
            if (a != null) a.signInStarted(); // a new sign-in: its own recording
            windows.openLogin(portal.get());
        } else {
            debug.accept("session sign-in via monitor");
            monitor.signIn();
        }
    }

    // ---------------------------------------------------------------- menu actions (UI thread)

    @Override
    public void perform(TrayMenuModel.Item item) {
        debug.accept("menu " + item.id());
        MonitorState state = monitor.state();
        switch (item) {
            case CHECK_NOW -> monitor.checkNow();
            case SIGN_IN -> monitor.signIn();
            case DETAILS -> state.last().ifPresent(windows::showDetails);
            case ADVICE -> showAdvice(state, false);
            case PAUSE -> {
                if (state.paused()) monitor.resume();
                else monitor.pause(PAUSE);
            }
            case NEVER_ASK_HERE -> state.network().ifPresent(n -> { // NetworkPrefs keeps the two choices exclusive
                boolean never = !prefs(state).neverPrompt();
                monitor.setNeverPrompt(n, never);
                show(state, prefs(state).withNeverPrompt(never));
            });
            case ALWAYS_OPEN_HERE -> state.network().ifPresent(n -> {
                boolean always = !prefs(state).alwaysOpen();
                monitor.setAlwaysOpen(n, always);
                show(state, prefs(state).withAlwaysOpen(always));
            });
            case ABOUT_NETWORK -> aboutNetwork(state);
            case SETTINGS -> windows.showSettings();
            case QUIT -> quit.run();
        }
    }

    /** Message key: title of the notice when a network gives no venue information. */
    public static final String NO_VENUE_INFO = "notify.venue.none.title";

    /**
     * "About this network": the RFC 8908 venue-info-url of the last check's API answer, in the browser; http(s)
     * only, and nothing on this computer unless the API itself is there (SafeUrl.problemFrom).
     */
    void aboutNetwork(MonitorState state) {
        Optional<WebUrl> venue = venueInfo(state);
        if (venue.isPresent()) {
            debug.accept("venue info " + venue.get());
            windows.openInBrowser(venue.get());
            return;
        }
        TrayUi t = tray;
        if (t != null) t.notify(Messages.t(NO_VENUE_INFO), Messages.t("notify.venue.none.body"));
    }

    static Optional<WebUrl> venueInfo(MonitorState state) {
        return state.last().flatMap(c -> c.capport()).flatMap(s -> s.venueInfoUrl()
                .filter(u -> SafeUrl.isAcceptableFrom(s.apiUrl(), u)).flatMap(WebUrl::of));
    }

    private TrayStatus status(MonitorState state) {
        return TrayStatus.from(state, prefs(state));
    }

    private NetworkPrefs prefs(MonitorState state) {
        return state.network().map(n -> monitor.settings().network(n.key())).orElse(NetworkPrefs.NONE);
    }

    /** Shows a choice at once (the monitor saves it on its own thread, a moment later). */
    private void show(MonitorState state, NetworkPrefs chosen) {
        TrayStatus s = TrayStatus.from(state, chosen);
        lastStatus = s;
        TrayUi t = tray;
        if (t != null) t.setState(s);
    }

    /** The login page would not load and the user asked what to do: advice for that, on the last check. */
    public void loginPageFailed() {
        showAdvice(monitor.state(), true);
    }

    /** The advice window on the last check, with commands for this OS and network. */
    private void showAdvice(MonitorState state, boolean pageLoadFailed) {
        String ssid = state.network().map(NetworkIdentity::ssid).orElse(null);
        state.last().ifPresent(c -> windows.showAdvice(c, AdviceCatalog.builtIn().select(c, Os.current(), ssid, pageLoadFailed)));
    }

    /** A second start of the app sent a message: "check" checks now and brings the UI forward. */
    public void onMessage(String message) {
        debug.accept("message " + message);
        if ("check".equals(message)) {
            monitor.checkNow();
            TrayUi t = tray;
            if (t != null) t.reveal();
        }
    }
}
