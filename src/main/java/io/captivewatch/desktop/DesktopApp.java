package io.captivewatch.desktop;

import io.captivewatch.core.monitor.HistoryRecorder;
import io.captivewatch.core.recipe.Replayer;
import io.captivewatch.core.settings.AutoSignInStore;
import io.captivewatch.core.settings.NetworkHistory;
import io.captivewatch.desktop.settings.ComebackPane;

import io.captivewatch.core.detect.Detector;
import io.captivewatch.core.monitor.CheckFunction;
import io.captivewatch.core.monitor.Monitor;
import io.captivewatch.core.network.NetworkWatcher;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.settings.SettingsStore;
import io.captivewatch.desktop.fx.DebugLog;
import io.captivewatch.desktop.fx.FxRuntime;
import io.captivewatch.desktop.settings.Autostart;
import io.captivewatch.desktop.settings.SettingsView;
import io.captivewatch.desktop.settings.StartAtLoginHook;
import io.captivewatch.desktop.tray.AwtTray;
import io.captivewatch.desktop.tray.StatusWindowTray;
import io.captivewatch.desktop.tray.TrayHint;
import io.captivewatch.desktop.dbus.SessionBus;
import io.captivewatch.desktop.dbus.SleepWatcher;
import io.captivewatch.desktop.tray.sni.SniTray;
import io.captivewatch.desktop.tray.TrayActions;
import io.captivewatch.desktop.tray.TrayUi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The running desktop app: single-instance lock, settings, checker, monitor, network watcher, tray and
 * windows, wired together. JavaFX is not started unless a window is needed (or there is no system tray).
 */
public final class DesktopApp {
    private final SingleInstance instance;
    private final Monitor monitor;
    private final AutoCloseable checker;
    private final AppWindows windows;
    private final AtomicReference<TrayUi> tray = new AtomicReference<>();
    private final AtomicBoolean quitting = new AtomicBoolean();
    private final AtomicReference<SleepWatcher> sleep = new AtomicReference<>();

    private DesktopApp(SingleInstance instance, Monitor monitor, AutoCloseable checker, AppWindows windows) {
        this.instance = instance;
        this.monitor = monitor;
        this.checker = checker;
        this.windows = windows;
    }

    /**
     * Starts the app, or signals the already running one.
     *
     * @return the app, or empty when another instance was running and has been asked to check now
     * @throws IOException when the config dir is unusable or a running instance cannot be reached
     */
    public static Optional<DesktopApp> start(DesktopOptions options) throws IOException {
        Consumer<String> debug = debugSink();
        SessionBus.connectInBackground(); // the tray choice below asks the bus for a StatusNotifierWatcher
        Path dir = options.configDir().orElseGet(SettingsStore::defaultDir);
        // Read once: a file that cannot be read is moved aside by the read that finds it, so a second read would
        // find none and the user would never hear why the settings went back to the defaults.
        SettingsStore store = new SettingsStore(dir);
        SettingsStore.Load load = store.load();
        speak(load.settings().language());
        AtomicReference<DesktopController> controllerRef = new AtomicReference<>();
        Optional<SingleInstance> instance = SingleInstance.claimOrSignal(dir, "check", m -> {
            DesktopController c = controllerRef.get();
            if (c != null) c.onMessage(m);
        }, Duration.ofSeconds(5));
        if (instance.isEmpty()) return Optional.empty();

        // The tray icon first (it is what the user waits for at login); its menu reaches the controller
        // once the rest is built, a few tens of milliseconds later.
        TrayActions actions = item -> {
            DesktopController c = controllerRef.get();
            if (c != null) c.perform(item);
        };
        // A StatusNotifierItem where the desktop has a watcher (KDE, Ubuntu's GNOME, Xfce, Cinnamon, MATE, LXQt,
        // waybar), else AWT's XEmbed tray (older X11 panels), else the status window, with a word on how to get a tray.
        // AWT's toolkit starts meanwhile, so an X11 desktop without SNI does not wait for the bus look-up and then AWT.
        AwtTray.warmUp();
        TrayUi ui = SniTray.install(actions).<TrayUi>map(t -> t)
                .or(() -> AwtTray.install(actions).map(t -> t))
                .orElseGet(() -> StatusWindowTray.open(actions, options.minimized(), TrayHint.forThisSession()));
        debug.accept("ui " + ui.getClass().getSimpleName());

        load.problem().ifPresent(p -> System.err.println("captivewatch: " + p));

        Detector checker = Detector.withDiscovery();
        List<ProbeSpec> cliProbes = options.probes();
        var b = Monitor.builder(CheckFunction.of(checker)) // re-checks while a portal is known: first hop only
                .settings(load.settings())
                .network(NetworkWatcher.system())
                .onNetworkChange(checker::resetConnections)
                .persist(store::save); // the monitor is the settings' only writer
        if (!cliProbes.isEmpty()) b.probes(cliProbes);
        Monitor monitor = b.build();

        AutoSignInStore autoStore = new AutoSignInStore(dir);
        NetworkHistory networkHistory = new NetworkHistory(dir);
        AtomicReference<Optional<String>> problem = new AtomicReference<>(load.problem());
        FxWindows windows = new FxWindows(() -> {
            SettingsView v = new SettingsView(monitor.settings(), problem.getAndSet(Optional.empty()), store.file(),
                    monitor::updateSettings, startAtLoginHook());
            v.addSection(io.captivewatch.core.i18n.Messages.t("settings.comeback.title"), new ComebackPane(autoStore, networkHistory).node());
            return v;
        }, debug);
        // the login window reaches a portal only the network's DNS knows through that DNS (issue #16)
        windows.loginNetworkDns(() -> checker.dns().map(io.captivewatch.core.dns.DnsAwareness::networkDnsInUse).orElse(List.of()));
        DesktopApp app = new DesktopApp(instance.get(), monitor, checker, windows);
        DesktopController controller = new DesktopController(monitor, windows, app::quit, debug);
        windows.onLoginAdviceRequested(controller::loginPageFailed);
        // issue #20: history per network, and automatic sign-in where the user asked for it
        HistoryRecorder history = new HistoryRecorder(networkHistory, java.time.Clock.systemUTC());
        monitor.addListener(history);
        AutoSignIn auto = new AutoSignIn(monitor, autoStore, new Replayer(),
                () -> checker.check(cliProbes.isEmpty() ? Monitor.probesFor(monitor.settings()) : cliProbes,
                        Monitor.DEFAULT_CHECK_TIMEOUT).verdict(),
                history, () -> ui, debug);
        windows.onSignInRecording(auto::formSubmitted);
        controller.autoSignIn(auto);
        windows.onLoginPageActivity(monitor::loginPageActivity); // a page loaded in the login window: re-check soon
        app.tray.set(ui);
        controller.attach(ui);
        monitor.addListener(controller);
        controllerRef.set(controller);
        load.problem().ifPresent(p -> ui.notify(io.captivewatch.core.i18n.Messages.t("notify.settingsReset.title"), p));
        monitor.start();
        // issue #17 item 4: a check within a second of waking from suspend (logind's PrepareForSleep on the system bus)
        SleepWatcher.startInBackground(monitor::wokeUp, debug, app.sleep::set);
        syncAutostart(load.settings());
        return Optional.of(app);
    }

    /** Start at login through the OS's autostart ({@code core.settings.Autostart}). */
    static StartAtLoginHook startAtLoginHook() {
        return StartAtLoginHook.of(Autostart.forCurrentOs());
    }

    /**
     * Keeps the autostart entry in step with the setting at start (default on): creates it when the installed
     * app runs and it is missing. Runs in the background; problems are logged, never fatal.
     */
    /**
     * The language: {@code --lang} (already in the {@code captivewatch.lang} property), else the Settings choice, else
     * the OS's. The property is then set to the result, so the login-window process speaks the same.
     */
    static void speak(String settingsLanguage) {
        java.util.Locale l = io.captivewatch.core.i18n.Languages.resolve(System.getProperty(io.captivewatch.core.i18n.Languages.PROPERTY),
                settingsLanguage, System.getenv(), java.util.Locale.getDefault());
        io.captivewatch.core.i18n.Messages.use(io.captivewatch.core.i18n.Messages.of(l));
        System.setProperty(io.captivewatch.core.i18n.Languages.PROPERTY, l.toLanguageTag());
    }

    static void syncAutostart(Settings settings) {
        Thread t = new Thread(() -> {
            try {
                Autostart a = Autostart.forCurrentOs();
                if (settings.startAtLogin() && a.canEnable() && !a.isEnabled()) a.enable();
            } catch (Exception e) {
                System.err.println("captivewatch: start at login: " + e.getMessage());
            }
        }, "captivewatch-autostart");
        t.setDaemon(true);
        t.start();
    }

    /** The monitor (tests, and the CLI's watch command shares the type). */
    public Monitor monitor() {
        return monitor;
    }

    /** Quits: stops the monitor, removes the tray icon (before Platform.exit, or AWT keeps the JVM alive), exits. */
    public void quit() {
        if (!quitting.compareAndSet(false, true)) return;
        Thread t = new Thread(() -> {
            try {
                monitor.close();
                SleepWatcher w = sleep.get();
                if (w != null) w.close();
                TrayUi ui = tray.get();
                if (ui != null) ui.close();
                windows.closeAll();
                checker.close();
                instance.close();
            } catch (Exception e) {
                System.err.println("captivewatch: while quitting: " + e);
            } finally {
                debugSink().accept("quit");
                FxRuntime.exit();
                System.exit(0);
            }
        }, "captivewatch-quit");
        t.start();
    }

    static Consumer<String> debugSink() {
        if (!Boolean.getBoolean(DebugLog.DEBUG_PROPERTY)) return s -> {};
        return s -> {
            synchronized (System.out) {
                System.out.println(DebugLog.DEBUG_PREFIX + s);
                System.out.flush();
            }
        };
    }
}
