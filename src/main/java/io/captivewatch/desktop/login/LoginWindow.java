package io.captivewatch.desktop.login;

import io.captivewatch.core.url.WebUrl;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The sign-in window: a sandboxed WebView on the portal's page. This class is its life (open, prepare ahead,
 * "You're online", close and release); what it looks like is {@link LoginView}, what the page may do is
 * {@link PageGuards}, where the page's storage goes is {@link WebViewStorage}.
 *
 * <p>Sandbox: no JavaScript-to-Java bridge (nothing is ever put on {@code window}); navigation only to
 * http(s) ({@link NavigationPolicy}; javascript:, file:, data:, jar: and custom schemes are blocked,
 * logged and reported in the status line); sub-resources (images, CSS, frames, fetch/XHR) only over http(s)
 * too ({@link SchemeGuard}); downloads refused; {@code window.open} stays in this
 * window; page dialogs shown one at a time and rate limited ({@link DialogGate}); certificate errors
 * shown in their own view with "Open in browser", never accepted; an in-memory cookie jar of its own
 * ({@link SandboxCookies}) while the window is open.
 *
 * <p>Created when needed, and on close the WebView is emptied and dropped so its memory can return.
 * Every method must be called on the JavaFX application thread.
 */
public final class LoginWindow {
    private static final Logger LOG = Logger.getLogger(LoginWindow.class.getName());
    /**
     * How long "You're online" stays before the window closes by itself: long enough to read two words, short
     * enough not to be most of the wait after signing in (issue #17; it was 2 s, half of that wait). The tray
     * already shows online when the banner appears.
     */
    public static final Duration ONLINE_BANNER_TIME = Duration.millis(750);

    /**
     * The longest a window stays open by itself once online: the banner's time, whatever the sign-in (issue #17;
     * the automatic sign-in offer of issue #20 comes from the tray as a notification, not from this window).
     */
    public static final Duration LONGEST_ONLINE_TIME = ONLINE_BANNER_TIME;

    static {
        // The legacy (HttpURLConnection) loader asks CookieHandler.getDefault() on every request, so our
        // per-window jar takes effect (the HTTP/2 loader captures the handler once, for the JVM's life), and
        // it sniffs pages sent without Content-Type as HTML where the HTTP/2 loader makes them downloads.
        if (System.getProperty("com.sun.webkit.useHTTP2Loader") == null) {
            System.setProperty("com.sun.webkit.useHTTP2Loader", "false");
        }
        SchemeGuard.install(); // sub-resources too: http(s) only, before any page of ours loads
    }

    /*
     * One sign-in window per JVM, and so kept per JVM (static) rather than in an object: the window's cookie jar
     * is the JVM's CookieHandler default and its scheme guard the JVM's one URL handler factory, so a second
     * window at the same time could not have its own. The open window and the one built ahead live here.
     */
    private static LoginWindow current;
    /** A window built ahead by {@link #prepare()}, not shown yet. */
    private static LoginWindow spare;
    /** The network's DNS servers pages are looked up with ({@link #useNetworkDns}), empty when the system's. */
    private static List<String> networkDns = List.of();

    private LoginEvents events;
    private final Stage stage;
    private final LoginView view;
    private final SandboxCookies cookies = new SandboxCookies();
    private final DialogGate dialogs = new DialogGate(System::currentTimeMillis);
    private final WebViewStorage storage = WebViewStorage.forThisJvm();
    private final List<BlockedEvent> blocked = new ArrayList<>(); // kept after close, for tests

    private WebView webView;
    private WebEngine engine;
    private PageGuards guards;
    private FormRecorder recorder; // the forms the user submits (issue #20)
    private Path userData;
    private String pendingUrl;
    private boolean closed;
    private boolean onlineShown;
    private PauseTransition closeTimer;

    private LoginWindow(LoginEvents events) {
        this.events = events == null ? new LoginEvents() {} : events;
        this.stage = new Stage();
        cookies.install();
        view = new LoginView(new LoginView.Actions() {
            @Override public void go(int delta) { LoginWindow.this.go(delta); }
            @Override public void reload() { LoginWindow.this.reload(); }
            @Override public void openInBrowser() { openCurrentInBrowser(); }
            @Override public void navigate(String url) { LoginWindow.this.navigate(url); }
            @Override public boolean closed() { return closed; }
        });
        view.showNetworkDns(networkDns);
        stage.setTitle(io.captivewatch.core.i18n.Messages.t("login.title"));
        javafx.geometry.Dimension2D size = initialSize(javafx.stage.Screen.getPrimary().getVisualBounds());
        Scene scene = new Scene(view.root(), size.getWidth(), size.getHeight());
        io.captivewatch.desktop.fx.ReportWindow.orient(scene); // mirrored for Arabic; the page keeps its own direction
        stage.setScene(scene);
        stage.setMinWidth(480);
        stage.setMinHeight(360);
        stage.setOnHidden(e -> close());
    }

    /** The window's size where the screen has room: a portal page laid out for a laptop. */
    static final javafx.geometry.Dimension2D PREFERRED_SIZE = new javafx.geometry.Dimension2D(960, 720);

    /**
     * The window's first size on a screen whose usable area (without panels) is {@code visual}: the preferred size,
     * or less on a small screen (a 1024×600 netbook), so that the window and its title bar fit and it can be moved
     * and closed; never less than the window's minimum (480×360).
     */
    static javafx.geometry.Dimension2D initialSize(javafx.geometry.Rectangle2D visual) {
        double w = Math.max(480, Math.min(PREFERRED_SIZE.getWidth(), Math.floor(visual.getWidth() * 0.95)));
        double h = Math.max(360, Math.min(PREFERRED_SIZE.getHeight(), Math.floor(visual.getHeight() * 0.9)));
        return new javafx.geometry.Dimension2D(w, h);
    }

    /**
     * Opens the sign-in window on {@code url} (an absolute http(s) URL), or, when one is already open,
     * navigates it there, brings it to the front and has it report to these events.
     *
     * @throws IllegalStateException    when not called on the FX application thread
     */
    public static LoginWindow open(WebUrl url, LoginEvents events) {
        requireFx();
        if (!SchemeGuard.install()) {
            throw new IllegalStateException("the sign-in window cannot keep pages to http(s) in this JVM");
        }
        LoginWindow w = current;
        if (w == null || w.closed) {
            w = spare != null ? spare : new LoginWindow(events);
            spare = null;
            w.events = events == null ? new LoginEvents() {} : events;
            current = w;
            w.stage.show();
            LoginWindow shown = w;
            Platform.runLater(shown::attachWebView); // after this pulse has put the window on screen
        } else {
            w.events = events == null ? new LoginEvents() {} : events;
            w.cancelOnline(); // a new sign-in (the network flapped back to captive) keeps the window
            w.stage.toFront();
        }
        w.navigate(url.toString());
        return w;
    }

    /**
     * Builds the next window ahead, hidden, with its styles applied, so that {@link #open} only has to show it
     * (the first window of a process otherwise spends a few hundred ms on controls and CSS). No-op when one is
     * open or built already.
     */
    public static void prepare() {
        requireFx();
        if (spare != null || current().isPresent()) return;
        spare = new LoginWindow(null);
        Parent root = spare.stage.getScene().getRoot();
        root.applyCss();
        root.layout();
    }

    /**
     * Starts WebKit in the window built ahead by {@link #prepare()}: its WebView, engine and guards, no page yet.
     * The first WebView of a process costs ≈0.35 s of the FX thread (WebKit's start), which the user otherwise
     * waits for between the window and its page. For a process that is waiting for a verdict (the network is still
     * joining). No-op without a window built ahead, or when it has its WebView already.
     *
     * @return whether WebKit was started now
     */
    public static boolean prepareWebView() {
        requireFx();
        if (spare == null || spare.webView != null) return false;
        spare.createWebView();
        return true;
    }

    /**
     * Pages now load through the network's own DNS servers (the login process's proxy): every window of this
     * JVM says so. FX thread.
     */
    public static void useNetworkDns(List<String> servers) {
        requireFx();
        networkDns = List.copyOf(servers);
        if (current != null) current.view.showNetworkDns(networkDns);
        if (spare != null) spare.view.showNetworkDns(networkDns);
    }

    /** The window currently open, if any. */
    public static Optional<LoginWindow> current() {
        LoginWindow w = current;
        return w == null || w.closed ? Optional.empty() : Optional.of(w);
    }

    /**
     * Deletes this JVM's private WebView folder with everything WebKit left in it. Call only when no page can
     * write any more (no window open, or the process is ending). Any thread.
     */
    static void removePrivateData() {
        WebViewStorage.forThisJvm().removeAll();
    }

    /**
     * Shows a "You're online" banner, then closes the window by itself after {@link #ONLINE_BANNER_TIME}.
     * Whether the network is online is the caller's decision (from probes), never the page's.
     */
    public void showOnlineAndClose() {
        requireFx();
        if (closed || onlineShown) return;
        onlineShown = true;
        view.showBanner(true);
        closeTimer = new PauseTransition(ONLINE_BANNER_TIME);
        closeTimer.setOnFinished(e -> close());
        closeTimer.play();
    }

    /** Takes back {@link #showOnlineAndClose()}: the banner goes and the window stays. */
    private void cancelOnline() {
        if (!onlineShown) return;
        onlineShown = false;
        if (closeTimer != null) closeTimer.stop();
        closeTimer = null;
        view.showBanner(false);
    }

    /** Closes the window and releases the WebView and the cookie jar. Idempotent. */
    public void close() {
        requireFx();
        if (closed) return;
        closed = true;
        if (closeTimer != null) closeTimer.stop();
        releaseWebView();
        cookies.uninstall();
        storage.deleteDataDir(userData); // WebKit may write it again: it stays inside the private folder until that goes
        userData = null;
        stage.setOnHidden(null);
        stage.close();
        if (current == this) current = null;
        LOG.fine("sign-in window closed");
        try {
            events.closed();
        } finally {
            events = new LoginEvents() {};
        }
    }

    /** Whether the window is open. */
    public boolean isShowing() {
        return !closed && stage.isShowing();
    }

    private static void requireFx() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("LoginWindow must be used on the JavaFX application thread");
        }
    }

    // ---- the WebView's life ----------------------------------------------------------------------------

    /**
     * The WebView comes after the window is on screen: the first WebView in a process costs ≈0.35 s (WebKit
     * starts), and the user should see the window, with its address line and "Opening…", at once. A window built
     * ahead may have its WebView already ({@link #prepareWebView}).
     */
    private void attachWebView() {
        if (closed || view.hasPage()) return;
        if (webView == null) createWebView();
        view.attach(webView, engine.getLoadWorker());
        String url = pendingUrl;
        pendingUrl = null;
        if (url != null) navigate(url);
    }

    /** The WebView, its engine and the guards on it, not in the window yet. */
    private void createWebView() {
        webView = new WebView();
        webView.setContextMenuEnabled(false);
        // the window is mirrored for Arabic; the page is not (its own dir attribute decides)
        webView.setNodeOrientation(javafx.geometry.NodeOrientation.LEFT_TO_RIGHT);
        engine = webView.getEngine();
        engine.setJavaScriptEnabled(true); // portals need it; there is no bridge to Java
        userData = storage.newDataDir();
        if (userData != null) engine.setUserDataDirectory(userData.toFile()); // local storage etc.: dropped on close
        guards = new PageGuards(engine, stage, view, cookies, dialogs, blocked, () -> events, () -> closed);
        guards.install();
        recorder = new FormRecorder(engine, f -> events.formSubmitted(f));
        engine.getHistory().currentIndexProperty().addListener((o, a, b) -> updateHistoryButtons());
        if (Boolean.getBoolean(io.captivewatch.desktop.fx.DebugLog.DEBUG_PROPERTY)) logPagesPainted();
    }

    /**
     * Debug only: a line once each loaded page is on the screen, which is what the benchmark times as "the portal page
     * showing" and waits for before it signs in. A post-layout listener runs before its pulse renders, so the line
     * comes in the pulse after the one that laid the loaded page out: by then that frame has been drawn (a screenshot
     * taken at the first pulse's line could still show the empty window on a cold process).
     */
    private void logPagesPainted() {
        engine.getLoadWorker().stateProperty().addListener((o, was, now) -> {
            if (now != javafx.concurrent.Worker.State.SUCCEEDED || stage.getScene() == null) return;
            Scene scene = stage.getScene();
            String loc = engine.getLocation();
            Runnable afterNextPulse = new Runnable() {
                private boolean laidOut;

                @Override
                public void run() {
                    if (!laidOut) {
                        laidOut = true; // this pulse lays the page out and then renders it
                        Platform.requestNextPulse();
                        return;
                    }
                    scene.removePostLayoutPulseListener(this);
                    System.err.println(io.captivewatch.desktop.fx.DebugLog.DEBUG_PREFIX + "login page painted " + loc);
                }
            };
            scene.addPostLayoutPulseListener(afterNextPulse);
            Platform.requestNextPulse();
        });
    }

    private void releaseWebView() {
        if (engine == null) return;
        engine.getLoadWorker().cancel();
        guards.remove();
        engine.load("about:blank");
        view.detach();
        // The scene remembers the focus owner and the nodes under the mouse: drop it, or it keeps the WebView.
        Scene scene = stage.getScene();
        if (scene != null) {
            scene.setRoot(new Region());
            stage.setScene(null);
        }
        engine = null;
        webView = null;
        guards = null; // it holds the engine, and the engine its WebView
    }

    // ---- navigation the user asks for ------------------------------------------------------------------

    private void navigate(String url) {
        if (!view.hasPage()) { // the WebView is attached right after the window shows (and gone once closed)
            pendingUrl = url;
            view.showAddress(url);
            return;
        }
        view.hideError();
        engine.load(url);
    }

    private void go(int delta) {
        if (closed || engine == null) return;
        var history = engine.getHistory();
        int target = history.getCurrentIndex() + delta;
        if (target < 0 || target >= history.getEntries().size()) return;
        view.hideError();
        history.go(delta);
    }

    private void reload() {
        if (closed || engine == null) return;
        view.hideError();
        String loc = engine.getLocation();
        if (loc == null || loc.isEmpty() || NavigationPolicy.refusal(loc).isPresent()) {
            if (guards.lastGood() != null) engine.load(guards.lastGood());
        } else {
            engine.reload();
        }
    }

    private void updateHistoryButtons() {
        if (engine != null) view.showHistory(engine.getHistory());
    }

    private void openCurrentInBrowser() {
        String loc = engine == null ? null : engine.getLocation();
        String lastGood = guards == null ? null : guards.lastGood();
        String target = loc != null && NavigationPolicy.refusal(loc).isEmpty() && !loc.isEmpty() ? loc : lastGood;
        if (target == null) return;
        try {
            BrowserLauncher.open(URI.create(target));
            view.status(io.captivewatch.core.i18n.Messages.t("login.status.openedInBrowser", LoginView.hostOf(target)));
        } catch (IllegalArgumentException e) {
            view.status(io.captivewatch.core.i18n.Messages.t("login.status.cannotOpenInBrowser"));
        }
    }

    // ---- for tests in this package ---------------------------------------------------------------------

    Stage stage() {
        return stage;
    }

    WebEngine engine() {
        return engine;
    }

    String statusText() {
        return view.statusText();
    }

    LoginView view() {
        return view;
    }

    List<BlockedEvent> blockedEvents() {
        return List.copyOf(blocked);
    }

    boolean errorShown() {
        return view.errorShown();
    }

    SandboxCookies cookies() {
        return cookies;
    }

    Path userDataDir() {
        return userData;
    }

    DialogGate dialogGate() {
        return dialogs;
    }

    /** The private folder this JVM's WebView data goes into, if made. */
    static Path privateRoot() {
        return WebViewStorage.forThisJvm().privateRoot();
    }
}
