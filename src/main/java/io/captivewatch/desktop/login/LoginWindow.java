package io.captivewatch.desktop.login;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.PromptData;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebEvent;
import javafx.scene.web.WebView;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.events.Event;
import org.w3c.dom.events.EventListener;
import org.w3c.dom.events.EventTarget;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The sign-in window: a sandboxed WebView on the portal's page.
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
    /** How long "You're online" stays before the window closes by itself. */
    public static final Duration ONLINE_BANNER_TIME = Duration.seconds(2);
    private static final String WARNING_STYLE = "-fx-text-fill: #8a3a00; -fx-font-weight: bold;";
    static final String DOWNLOAD_REFUSED = "Downloads are not allowed in the sign-in window";

    static {
        // The legacy (HttpURLConnection) loader asks CookieHandler.getDefault() on every request, so our
        // per-window jar takes effect (the HTTP/2 loader captures the handler once, for the JVM's life), and
        // it sniffs pages sent without Content-Type as HTML where the HTTP/2 loader makes them downloads.
        if (System.getProperty("com.sun.webkit.useHTTP2Loader") == null) {
            System.setProperty("com.sun.webkit.useHTTP2Loader", "false");
        }
        SchemeGuard.install(); // sub-resources too: http(s) only, before any page of ours loads
    }

    /** What the window tells its owner. Callbacks run on the FX thread. */
    public interface Listener {
        /** The window closed (by the user, by {@link #close()} or after {@link #showOnlineAndClose()}). */
        default void closed() {}

        /** A page would not load (the owner may offer advice, see {@code Fact.PAGE_LOAD_FAILED}). */
        default void loadFailed(URI url, String reason) {}

        /** The user pressed "What can I do?" in the error view. */
        default void adviceRequested(URI url, String reason) {}

        /** The window refused something for the page (already logged). */
        default void blocked(BlockedEvent event) {}
    }

    private static LoginWindow current;
    /** A window built ahead by {@link #prepare()}, not shown yet. */
    private static LoginWindow spare;

    private Listener listener;
    private final Stage stage;
    private final SandboxCookies cookies = new SandboxCookies();
    private final DialogGate dialogs = new DialogGate(System::currentTimeMillis);
    private final List<BlockedEvent> blocked = new ArrayList<>();

    private WebView view;
    private WebEngine engine;
    private String pendingUrl;
    private final Label opening = new Label("Opening the sign-in page…");
    private final StackPane center = new StackPane();
    private final Label security = new Label();
    private final Label host = new Label();
    private final Label address = new Label();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button back = new Button("\u2190");
    private final Button forward = new Button("\u2192");
    private final Button reload = new Button("\u21bb");
    private final Button openInBrowser = new Button("Open in browser");
    private final Label banner = new Label("You're online");
    private final VBox errorView = new VBox(10);

    private java.nio.file.Path userData;
    private String lastGood;
    private String pendingBlock;
    private boolean closing;
    private boolean restoring;
    private boolean closed;
    private boolean onlineShown;
    private PauseTransition closeTimer;
    private final EventListener clickGuard = this::guardClick;
    private final EventListener submitGuard = this::guardSubmit;
    private final ChangeListener<String> locationListener = (o, was, now) -> onLocation(was, now);
    private final ChangeListener<Worker.State> stateListener = (o, was, now) -> onState(now);

    private LoginWindow(Listener listener) {
        this.listener = listener == null ? new Listener() {} : listener;
        this.stage = new Stage();
        cookies.install();
        build();
    }

    /**
     * Opens the sign-in window on {@code url} (an absolute http(s) URL), or, when one is already open,
     * navigates it there, brings it to the front and gives it this listener.
     *
     * @throws IllegalArgumentException when {@code url} is not an acceptable http(s) URL
     * @throws IllegalStateException    when not called on the FX application thread
     */
    public static LoginWindow open(URI url, Listener listener) {
        requireFx();
        BrowserLauncher.requireWebUrl(url);
        if (!SchemeGuard.install()) {
            throw new IllegalStateException("the sign-in window cannot keep pages to http(s) in this JVM");
        }
        LoginWindow w = current;
        if (w == null || w.closed) {
            w = spare != null ? spare : new LoginWindow(listener);
            spare = null;
            w.listener = listener == null ? new Listener() {} : listener;
            current = w;
            w.stage.show();
            LoginWindow shown = w;
            Platform.runLater(shown::attachWebView); // after this pulse has put the window on screen
        } else {
            w.listener = listener == null ? new Listener() {} : listener;
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
        javafx.scene.Parent root = spare.stage.getScene().getRoot();
        root.applyCss();
        root.layout();
    }

    /** The window currently open, if any. */
    public static Optional<LoginWindow> current() {
        LoginWindow w = current;
        return w == null || w.closed ? Optional.empty() : Optional.of(w);
    }

    /**
     * Shows a "You're online" banner, then closes the window by itself after {@link #ONLINE_BANNER_TIME}.
     * Whether the network is online is the caller's decision (from probes), never the page's.
     */
    public void showOnlineAndClose() {
        requireFx();
        if (closed || onlineShown) return;
        onlineShown = true;
        banner.setVisible(true);
        banner.setManaged(true);
        status.setText("You're online. This window closes by itself.");
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
        banner.setVisible(false);
        banner.setManaged(false);
        status.setText("");
    }

    /** Closes the window and releases the WebView and the cookie jar. Idempotent. */
    public void close() {
        requireFx();
        if (closed) return;
        closed = true;
        closing = true;
        if (closeTimer != null) closeTimer.stop();
        releaseWebView();
        cookies.uninstall();
        deleteUserDataDir();
        stage.setOnHidden(null);
        stage.close();
        if (current == this) current = null;
        LOG.fine("sign-in window closed");
        try {
            listener.closed();
        } finally {
            listener = new Listener() {};
        }
    }

    /** Whether the window is open. */
    public boolean isShowing() {
        return !closed && stage.isShowing();
    }

    // ---- building the window ---------------------------------------------------------------------------

    /**
     * The WebView comes after the window is on screen: the first WebView in a process costs ~1.5 s (WebKit
     * starts), and the user should see the window, with its address line and "Opening…", at once.
     */
    private void attachWebView() {
        if (closed || view != null) return;
        view = new WebView();
        view.setContextMenuEnabled(false);
        engine = view.getEngine();
        engine.setJavaScriptEnabled(true); // portals need it; there is no bridge to Java
        userData = createUserDataDir();
        if (userData != null) engine.setUserDataDirectory(userData.toFile()); // local storage etc.: dropped on close
        engine.setCreatePopupHandler(features -> {
            LOG.info("window.open kept inside the sign-in window");
            return engine; // the new page loads here, and goes through the same URL policy
        });
        engine.setOnAlert(this::onAlert);
        engine.setConfirmHandler(this::onConfirm);
        engine.setPromptHandler(this::onPrompt);
        engine.locationProperty().addListener(locationListener);
        engine.getLoadWorker().stateProperty().addListener(stateListener);
        engine.getLoadWorker().exceptionProperty().addListener((o, was, ex) -> {
            if (ex != null) LOG.fine("load exception: " + ex.getMessage());
        });
        engine.getHistory().currentIndexProperty().addListener((o, a, b) -> updateHistoryButtons());
        progress.progressProperty().bind(engine.getLoadWorker().progressProperty());
        view.setVisible(!errorView.isVisible());
        center.getChildren().remove(opening);
        center.getChildren().add(0, view);
        String url = pendingUrl;
        pendingUrl = null;
        if (url != null) navigate(url);
    }

    private void build() {

        back.setId("back");
        forward.setId("forward");
        reload.setId("reload");
        openInBrowser.setId("openInBrowser");
        back.setTooltip(new Tooltip("Back"));
        forward.setTooltip(new Tooltip("Forward"));
        reload.setTooltip(new Tooltip("Reload"));
        openInBrowser.setTooltip(new Tooltip("Open this page in your usual web browser"));
        back.setOnAction(e -> go(-1));
        forward.setOnAction(e -> go(1));
        reload.setOnAction(e -> reload());
        openInBrowser.setOnAction(e -> openCurrentInBrowser());
        back.setDisable(true);
        forward.setDisable(true);

        security.setId("security");
        host.setId("host");
        address.setId("address");
        host.setStyle("-fx-font-weight: bold;");
        address.setStyle("-fx-text-fill: #666;");
        address.setMinWidth(0); // the full address gives way first; the mark, host and buttons keep their text
        security.setMinWidth(Region.USE_PREF_SIZE);
        host.setMinWidth(Region.USE_PREF_SIZE);
        openInBrowser.setMinWidth(Region.USE_PREF_SIZE);
        address.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(address, Priority.ALWAYS);
        HBox addressLine = new HBox(6, security, host, address);
        addressLine.setAlignment(Pos.CENTER_LEFT);
        addressLine.setPadding(new Insets(3, 8, 3, 8));
        addressLine.setStyle("-fx-background-color: white; -fx-background-radius: 4; -fx-border-color: #c8c8c8; -fx-border-radius: 4;");
        addressLine.setMinWidth(0);
        HBox.setHgrow(addressLine, Priority.ALWAYS);
        HBox toolbar = new HBox(6, back, forward, reload, addressLine, openInBrowser);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(6, 8, 6, 8));
        toolbar.setStyle("-fx-background-color: #f2f2f2; -fx-border-color: transparent transparent #d0d0d0 transparent;");

        banner.setId("onlineBanner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setAlignment(Pos.CENTER);
        banner.setPadding(new Insets(10));
        banner.setStyle("-fx-background-color: #2e7d32; -fx-text-fill: white; -fx-font-size: 16px; -fx-font-weight: bold;");
        banner.setVisible(false);
        banner.setManaged(false);

        errorView.setId("errorView");
        errorView.setAlignment(Pos.CENTER);
        errorView.setPadding(new Insets(30));
        errorView.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        errorView.setStyle("-fx-background-color: #fafafa;");
        errorView.setVisible(false);
        opening.setId("opening");
        opening.setStyle("-fx-text-fill: #666; -fx-font-size: 14px;");
        center.getChildren().addAll(opening, errorView);

        status.setId("status");
        status.setMinWidth(0);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        progress.setPrefWidth(120);
        progress.setVisible(false);
        HBox statusLine = new HBox(8, status, progress);
        statusLine.setAlignment(Pos.CENTER_LEFT);
        statusLine.setPadding(new Insets(4, 8, 4, 8));
        statusLine.setStyle("-fx-background-color: #f2f2f2; -fx-border-color: #d0d0d0 transparent transparent transparent;");

        BorderPane root = new BorderPane(center);
        root.setTop(new VBox(toolbar, banner));
        root.setBottom(statusLine);
        stage.setTitle("Sign in to the network");
        stage.setScene(new Scene(root, 960, 720));
        stage.setMinWidth(480);
        stage.setMinHeight(360);
        stage.setOnHidden(e -> close());
        showAddress(null);
    }

    private static void requireFx() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("LoginWindow must be used on the JavaFX application thread");
        }
    }

    // ---- navigation ------------------------------------------------------------------------------------

    private void navigate(String url) {
        if (engine == null) { // the WebView is attached right after the window shows
            pendingUrl = url;
            showAddress(url);
            return;
        }
        hideError();
        engine.load(url);
    }

    private void go(int delta) {
        if (closed || engine == null) return;
        var history = engine.getHistory();
        int target = history.getCurrentIndex() + delta;
        if (target < 0 || target >= history.getEntries().size()) return;
        hideError();
        history.go(delta);
    }

    private void reload() {
        if (closed || engine == null) return;
        hideError();
        String loc = engine.getLocation();
        if (loc == null || loc.isEmpty() || NavigationPolicy.refusal(loc).isPresent()) {
            if (lastGood != null) engine.load(lastGood);
        } else {
            engine.reload();
        }
    }

    private void updateHistoryButtons() {
        if (engine == null) return;
        var history = engine.getHistory();
        back.setDisable(history.getCurrentIndex() <= 0);
        forward.setDisable(history.getCurrentIndex() >= history.getEntries().size() - 1);
    }

    private void openCurrentInBrowser() {
        String loc = engine == null ? null : engine.getLocation();
        String target = loc != null && NavigationPolicy.refusal(loc).isEmpty() && !loc.isEmpty() ? loc : lastGood;
        if (target == null) return;
        try {
            BrowserLauncher.open(URI.create(target));
            status.setText("Opened " + hostOf(target) + " in your browser");
        } catch (IllegalArgumentException e) {
            status.setText("This page cannot be opened in a browser");
        }
    }

    private void onLocation(String was, String now) {
        if (closing || now == null || now.isEmpty()) return;
        Optional<String> refusal = NavigationPolicy.refusal(now);
        if (refusal.isPresent()) {
            pendingBlock = now;
            block(BlockedEvent.Kind.NAVIGATION, now, refusal.get());
            // Stop the navigation; if the old page is gone anyway, go back to the last good one.
            Platform.runLater(() -> {
                if (closed) return;
                engine.getLoadWorker().cancel();
                Platform.runLater(this::restoreAfterBlock);
            });
            return;
        }
        showAddress(now);
    }

    private void restoreAfterBlock() {
        if (closed) return;
        Document doc = engine.getDocument();
        String docUrl = doc == null ? null : doc.getDocumentURI();
        // A refused redirect leaves an empty document under the redirecting URL: anything but the last
        // good page means the page is gone, so bring that back.
        if (docUrl == null || NavigationPolicy.refusal(docUrl).isPresent() || !sameDocument(docUrl, lastGood)) {
            restoring = true; // keep the "Blocked ..." message while the last good page comes back
            engine.load(lastGood != null ? lastGood : "about:blank");
        }
        showAddress(lastGood);
    }

    private static boolean sameDocument(String a, String b) {
        if (a == null || b == null) return false;
        int i = a.indexOf('#'), j = b.indexOf('#');
        return (i >= 0 ? a.substring(0, i) : a).equals(j >= 0 ? b.substring(0, j) : b);
    }

    private void onState(Worker.State state) {
        if (closing || closed) return;
        switch (state) {
            case SCHEDULED, RUNNING -> {
                String loc = engine.getLocation();
                if (pendingBlock != null && pendingBlock.equals(loc)) return;
                progress.setVisible(true);
                if (!restoring) {
                    status.setText("Loading " + hostOf(loc) + "\u2026");
                    status.setStyle("");
                }
            }
            case SUCCEEDED -> {
                progress.setVisible(false);
                String loc = engine.getLocation();
                if (loc != null && NavigationPolicy.refusal(loc).isEmpty() && !loc.equals("about:blank")) {
                    lastGood = loc;
                    pendingBlock = null;
                    showAddress(loc);
                    hideError();
                    if (!restoring) status.setText("Done");
                    restoring = false;
                }
                guardDocument(engine.getDocument());
                updateHistoryButtons();
            }
            case FAILED, CANCELLED -> {
                progress.setVisible(false);
                restoring = false;
                onLoadEnded(state);
                updateHistoryButtons();
            }
            default -> { }
        }
    }

    private void onLoadEnded(Worker.State state) {
        String loc = engine.getLocation();
        if (pendingBlock != null && pendingBlock.equals(loc)) {
            return; // we cancelled it ourselves; the status line already says why
        }
        Optional<Map<String, List<String>>> headers = cookies.headersFor(loc);
        String redirect = headers.map(h -> NavigationPolicy.first(h, "Location")).orElse(null);
        if (redirect != null && NavigationPolicy.scheme(redirect) != null
                && NavigationPolicy.refusal(redirect).isPresent()) {
            // WebKit refuses a redirect to file:, data: ... itself; say so instead of "could not load".
            block(BlockedEvent.Kind.NAVIGATION, redirect, "Blocked a redirect to " + NavigationPolicy.scheme(redirect)
                    + ": the sign-in window only opens http and https pages");
            Platform.runLater(this::restoreAfterBlock);
            return;
        }
        if (headers.isPresent() && NavigationPolicy.isDownload(headers.get())) {
            block(BlockedEvent.Kind.DOWNLOAD, loc, DOWNLOAD_REFUSED);
            Platform.runLater(this::restoreAfterBlock);
            return;
        }
        if (state == Worker.State.CANCELLED) {
            status.setText("Stopped");
            showAddress(currentDocumentUrl());
            return;
        }
        Throwable ex = engine.getLoadWorker().getException();
        String reason = ex == null || ex.getMessage() == null ? "The page could not be loaded" : ex.getMessage();
        URI url = NavigationPolicy.toUri(loc);
        if (isTlsFailure(reason) && url != null && "https".equalsIgnoreCase(url.getScheme())) {
            showCertificateError(url, reason);
            return;
        }
        showLoadError(url, reason);
    }

    private String currentDocumentUrl() {
        Document doc = engine.getDocument();
        String u = doc == null ? null : doc.getDocumentURI();
        return u != null && NavigationPolicy.refusal(u).isEmpty() ? u : lastGood;
    }

    static boolean isTlsFailure(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("ssl") || m.contains("certificate") || m.contains("pkix") || m.contains("handshake");
    }

    // ---- sandbox ---------------------------------------------------------------------------------------

    private void block(BlockedEvent.Kind kind, String target, String message) {
        BlockedEvent e = new BlockedEvent(kind, NavigationPolicy.shorten(target == null ? "" : target), message, Instant.now());
        blocked.add(e);
        LOG.warning("sign-in window blocked " + kind + ": " + e.target() + " (" + message + ")");
        status.setText(message);
        status.setStyle(WARNING_STYLE);
        listener.blocked(e);
    }

    /** Catches clicks on javascript:, file:, data: ... links and submits to such forms before WebKit acts. */
    private void guardDocument(Document doc) {
        if (!(doc instanceof EventTarget t)) return;
        t.addEventListener("click", clickGuard, true);
        t.addEventListener("submit", submitGuard, true);
    }

    private void guardClick(Event evt) {
        Node n = evt.getTarget() instanceof Node node ? node : null;
        for (int depth = 0; n != null && depth < 64; depth++, n = n.getParentNode()) {
            if (n instanceof Element el) {
                String tag = el.getTagName() == null ? "" : el.getTagName().toLowerCase(Locale.ROOT);
                if ((tag.equals("a") || tag.equals("area")) && el.hasAttribute("href")) {
                    refuseIfBadLink(evt, el.getAttribute("href"));
                    return;
                }
            }
        }
    }

    private void guardSubmit(Event evt) {
        if (evt.getTarget() instanceof Element form && form.hasAttribute("action")) {
            refuseIfBadLink(evt, form.getAttribute("action"));
        }
    }

    private void refuseIfBadLink(Event evt, String href) {
        if (href == null) return;
        String scheme = NavigationPolicy.scheme(href);
        if (scheme == null || io.captivewatch.core.url.SafeUrl.isHttpScheme(scheme)) return; // relative or web: fine
        evt.preventDefault();
        evt.stopPropagation();
        block(BlockedEvent.Kind.LINK, href, NavigationPolicy.refusal(href).orElse("Blocked a " + scheme + ": link"));
    }

    private void onAlert(WebEvent<String> e) {
        if (!dialogs.tryOpen()) {
            block(BlockedEvent.Kind.DIALOG, e.getData(), "The page keeps opening dialogs; further ones are suppressed");
            return;
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION, limit(e.getData()), ButtonType.OK);
        prepare(a, "Message from " + hostOf(engine.getLocation()));
        a.setOnHidden(x -> dialogs.closed());
        a.show(); // not blocking: the page's script goes on, and at most one is open
    }

    private Boolean onConfirm(String message) {
        if (!dialogs.tryOpen()) {
            block(BlockedEvent.Kind.DIALOG, message, "The page keeps opening dialogs; further ones are suppressed");
            return false;
        }
        try {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, limit(message), ButtonType.OK, ButtonType.CANCEL);
            prepare(a, "Question from " + hostOf(engine.getLocation()));
            return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
        } finally {
            dialogs.closed();
        }
    }

    private String onPrompt(PromptData p) {
        if (!dialogs.tryOpen()) {
            block(BlockedEvent.Kind.DIALOG, p.getMessage(), "The page keeps opening dialogs; further ones are suppressed");
            return null;
        }
        try {
            TextInputDialog d = new TextInputDialog(p.getDefaultValue());
            d.setContentText(limit(p.getMessage()));
            prepare(d, "Question from " + hostOf(engine.getLocation()));
            return d.showAndWait().orElse(null);
        } finally {
            dialogs.closed();
        }
    }

    private void prepare(javafx.scene.control.Dialog<?> d, String title) {
        d.initOwner(stage);
        d.initModality(Modality.WINDOW_MODAL);
        d.setTitle(title);
        d.setHeaderText(null);
        d.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
    }

    private static String limit(String s) {
        if (s == null) return "";
        return s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }

    // ---- error views -----------------------------------------------------------------------------------

    private void showLoadError(URI url, String reason) {
        LOG.info("sign-in page failed to load: " + (url == null ? "?" : url) + ": " + reason);
        status.setText("Could not load the page: " + reason);
        Button advice = new Button("What can I do?");
        advice.setId("adviceButton");
        advice.setOnAction(e -> listener.adviceRequested(url, reason));
        fillError("This page could not be loaded", url, reason, advice);
        listener.loadFailed(url, reason);
    }

    private void showCertificateError(URI url, String reason) {
        block(BlockedEvent.Kind.CERTIFICATE, url.toString(), "Certificate error: " + url.getHost() + " cannot be verified");
        Label why = fillError("This site's certificate cannot be verified", url,
                "The connection to " + url.getHost() + " is not trusted: " + reason
                        + ". CaptiveWatch does not accept such certificates. Open the page in your browser if you"
                        + " want to check it yourself.", null, true);
        Thread t = new Thread(() -> {
            String detail = CertificateCheck.diagnose(url, java.time.Duration.ofSeconds(5));
            Platform.runLater(() -> {
                if (!closed && errorView.isVisible()) {
                    why.setText(detail + " CaptiveWatch does not accept such certificates. Open the page in your"
                            + " browser if you want to check it yourself.");
                }
            });
        }, "captivewatch-cert-check");
        t.setDaemon(true);
        t.start();
        listener.loadFailed(url, reason);
    }

    private Label fillError(String title, URI url, String reason, Button extra) {
        return fillError(title, url, reason, extra, false);
    }

    private Label fillError(String title, URI url, String reason, Button extra, boolean certificateError) {
        Label t = new Label(title);
        t.setId("errorTitle");
        t.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
        t.setWrapText(true);
        Label h = new Label(url == null ? "" : url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : ""));
        h.setId("errorHost");
        h.setStyle("-fx-font-size: 14px; -fx-font-family: monospace;");
        Label r = new Label(reason);
        r.setId("errorReason");
        r.setWrapText(true);
        r.setMaxWidth(560);
        r.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        Button browser = new Button("Open in browser");
        browser.setId("errorOpenInBrowser");
        browser.setOnAction(e -> {
            if (url != null) {
                BrowserLauncher.open(url);
                status.setText("Opened " + url.getHost() + " in your browser");
            }
        });
        Button retry = new Button("Try again");
        retry.setId("retry");
        retry.setOnAction(e -> {
            if (url != null) navigate(url.toString());
        });
        HBox buttons = new HBox(8, browser, retry);
        if (extra != null) buttons.getChildren().add(extra);
        buttons.setAlignment(Pos.CENTER);
        errorView.getChildren().setAll(t, h, r, buttons);
        errorView.setVisible(true);
        if (view != null) view.setVisible(false);
        showAddress(url == null ? null : url.toString(), certificateError);
        return r;
    }

    private void hideError() {
        errorView.setVisible(false);
        errorView.getChildren().clear();
        if (view != null) view.setVisible(true);
    }

    // ---- address line ----------------------------------------------------------------------------------

    private void showAddress(String url) {
        showAddress(url, false);
    }

    private void showAddress(String url, boolean certificateError) {
        URI u = url == null ? null : NavigationPolicy.toUri(url);
        if (u == null || u.getHost() == null) {
            security.setText("");
            security.setVisible(false);
            host.setText("");
            address.setText("");
            return;
        }
        boolean secure = "https".equalsIgnoreCase(u.getScheme()) && !certificateError;
        security.setVisible(true);
        security.setText(secure ? "Secure" : certificateError ? "Not secure: certificate error" : "Not secure");
        security.setStyle(secure
                ? "-fx-background-color: #e6f4ea; -fx-text-fill: #1e6b34; -fx-padding: 1 6; -fx-background-radius: 3; -fx-font-weight: bold;"
                : "-fx-background-color: #fdecea; -fx-text-fill: #a3201a; -fx-padding: 1 6; -fx-background-radius: 3; -fx-font-weight: bold;");
        security.setTooltip(new Tooltip(secure
                ? "The connection to this site is encrypted (https)."
                : certificateError ? "The site's certificate could not be verified: the connection cannot be trusted."
                : "This page is sent unencrypted (http): do not enter passwords you use elsewhere."));
        host.setText(u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""));
        address.setText(url);
        address.setTooltip(new Tooltip(url));
    }

    private static String hostOf(String url) {
        URI u = NavigationPolicy.toUri(url);
        return u == null || u.getHost() == null ? "the page" : u.getHost();
    }

    // ---- release ---------------------------------------------------------------------------------------

    private void releaseWebView() {
        if (engine == null) return;
        engine.getLoadWorker().cancel();
        engine.getLoadWorker().stateProperty().removeListener(stateListener);
        engine.locationProperty().removeListener(locationListener);
        Document doc = engine.getDocument();
        if (doc instanceof EventTarget t) {
            t.removeEventListener("click", clickGuard, true);
            t.removeEventListener("submit", submitGuard, true);
        }
        engine.setOnAlert(null);
        engine.setConfirmHandler(null);
        engine.setPromptHandler(null);
        engine.setCreatePopupHandler(null);
        engine.load("about:blank");
        progress.progressProperty().unbind();
        center.getChildren().clear();
        // The scene remembers the focus owner and the nodes under the mouse: drop it, or it keeps the WebView.
        Scene scene = stage.getScene();
        if (scene != null) {
            scene.setRoot(new Region());
            stage.setScene(null);
        }
        engine = null;
        view = null;
    }

    /** Name prefix of this app's private WebView folders in the temp directory: {@code PREFIX<pid>-<random>}. */
    static final String PRIVATE_ROOT_PREFIX = "captivewatch-webview-";
    private static java.nio.file.Path privateRoot; // guarded by LoginWindow.class
    private static boolean exitHookAdded; // guarded by LoginWindow.class
    private static int dataDirs; // guarded by LoginWindow.class

    /**
     * A fresh WebView data folder (local storage, databases) inside this JVM's private folder. WebKit writes into
     * it after the window has closed and recreates it (0755) when it was deleted, so it lives in a parent only
     * we can enter (0700, as {@code Files.createTempDirectory} makes it on POSIX), and that parent goes away
     * when no engine can write any more: at exit ({@link #removePrivateData()}), or, after a crash or kill, at
     * the next start of a window in any of our processes.
     */
    private static synchronized java.nio.file.Path createUserDataDir() {
        try {
            if (privateRoot == null || !java.nio.file.Files.isDirectory(privateRoot, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                removeStalePrivateRoots();
                privateRoot = java.nio.file.Files.createTempDirectory(PRIVATE_ROOT_PREFIX + ProcessHandle.current().pid() + "-");
                if (!exitHookAdded) {
                    exitHookAdded = true;
                    Runtime.getRuntime().addShutdownHook(new Thread(LoginWindow::removePrivateData, "captivewatch-webview-cleanup"));
                }
            }
            java.nio.file.Path dir = privateRoot.resolve("data-" + (++dataDirs));
            java.nio.file.Files.createDirectory(dir);
            return dir;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warning("no private WebView data directory, using the default: " + e.getMessage());
            return null;
        }
    }

    /**
     * Deletes this JVM's private WebView folder with everything WebKit left in it. Call only when no page can
     * write any more (no window open, or the process is ending). Any thread.
     */
    static synchronized void removePrivateData() {
        if (privateRoot == null) return;
        deleteTree(privateRoot);
        privateRoot = null;
    }

    /** The private folder this JVM's WebView data goes into, if made (for tests). */
    static synchronized java.nio.file.Path privateRoot() {
        return privateRoot;
    }

    /** Deletes the private folders of our processes that are gone (killed before they could clean up). */
    private static void removeStalePrivateRoots() {
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        try (var entries = java.nio.file.Files.newDirectoryStream(tmp, PRIVATE_ROOT_PREFIX + "*")) {
            int seen = 0;
            for (java.nio.file.Path p : entries) {
                if (++seen > 1000) break;
                String rest = p.getFileName().toString().substring(PRIVATE_ROOT_PREFIX.length());
                int dash = rest.indexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                if (!java.nio.file.Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
                deleteTree(p);
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.fine("could not look for old WebView folders: " + e.getMessage());
        }
    }

    private static void deleteTree(java.nio.file.Path root) {
        try (var paths = java.nio.file.Files.walk(root, 16)) {
            paths.sorted(java.util.Comparator.reverseOrder()).limit(10_000).forEach(p -> {
                try {
                    java.nio.file.Files.deleteIfExists(p);
                } catch (java.io.IOException e) {
                    LOG.fine("could not delete " + p + ": " + e.getMessage());
                }
            });
        } catch (java.io.IOException | RuntimeException e) {
            LOG.fine("could not delete " + root + ": " + e.getMessage());
        }
    }

    private void deleteUserDataDir() {
        if (userData == null) return;
        deleteTree(userData); // WebKit may write it again: it stays inside the private folder until that goes
        userData = null;
    }

    // ---- for tests in this package ---------------------------------------------------------------------

    Stage stage() {
        return stage;
    }

    WebEngine engine() {
        return engine;
    }

    String statusText() {
        return status.getText();
    }

    List<BlockedEvent> blockedEvents() {
        return List.copyOf(blocked);
    }

    boolean errorShown() {
        return errorView.isVisible();
    }

    SandboxCookies cookies() {
        return cookies;
    }

    java.nio.file.Path userDataDir() {
        return userData;
    }

    DialogGate dialogGate() {
        return dialogs;
    }
}
