package io.captivewatch.desktop.login;

import io.captivewatch.core.i18n.Messages;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.concurrent.Worker;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.Region;
import javafx.scene.web.PromptData;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebEvent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.events.Event;
import org.w3c.dom.events.EventListener;
import org.w3c.dom.events.EventTarget;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Everything that decides what the page in the sign-in window may do, hooked into one {@link WebEngine}:
 * navigations only to http(s) ({@link NavigationPolicy}: refused ones are stopped and the last good page comes
 * back), links and form targets with other schemes caught before WebKit acts, {@code window.open} kept in the
 * window, downloads refused, page dialogs one at a time and rate limited ({@link DialogGate}), load failures
 * and certificate errors sent to the {@link LoginView}'s error views (never accepted). Sub-resources are kept
 * to http(s) per JVM by {@link SchemeGuard}, installed by {@link LoginWindow}. FX thread only.
 */
final class PageGuards {
    private static final Logger LOG = Logger.getLogger(PageGuards.class.getName());
    /** The message key of a refused download. */
    static final String DOWNLOAD_REFUSED = "login.downloadRefused";

    private final WebEngine engine;
    private final Stage owner;
    private final LoginView view;
    private final SandboxCookies cookies;
    private final DialogGate dialogs;
    private final Supplier<LoginEvents> events;
    private final BooleanSupplier closed;
    private final List<BlockedEvent> blocked;

    private String lastGood;
    private String pendingBlock;
    private boolean restoring;
    private final EventListener clickGuard = this::guardClick;
    private final EventListener submitGuard = this::guardSubmit;
    private final ChangeListener<String> locationListener = (o, was, now) -> onLocation(now);
    private final ChangeListener<Worker.State> stateListener = (o, was, now) -> onState(now);

    /**
     * @param cookies the window's cookie jar (it keeps the response headers a refused redirect or download is
     *                recognised by)
     * @param blocked where each refusal is also recorded (the window's list)
     * @param events  the window's current events (they change when a new sign-in takes the window over)
     * @param closed  whether the window has closed
     */
    PageGuards(WebEngine engine, Stage owner, LoginView view, SandboxCookies cookies, DialogGate dialogs,
               List<BlockedEvent> blocked, Supplier<LoginEvents> events, BooleanSupplier closed) {
        this.engine = engine;
        this.owner = owner;
        this.view = view;
        this.cookies = cookies;
        this.dialogs = dialogs;
        this.blocked = blocked;
        this.events = events;
        this.closed = closed;
    }

    /** Hooks the guards into the engine, before its first page. */
    void install() {
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
    }

    /** Unhooks everything (the window has closed: the guards ignore the engine already). */
    void remove() {
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
    }

    /** The last http(s) page that loaded, the one a refused navigation goes back to (or null). */
    String lastGood() {
        return lastGood;
    }

    // ---- navigation ------------------------------------------------------------------------------------

    private void onLocation(String now) {
        if (closed.getAsBoolean() || now == null || now.isEmpty()) return;
        Optional<String> refusal = NavigationPolicy.refusal(now);
        if (refusal.isPresent()) {
            pendingBlock = now;
            block(BlockedEvent.Kind.NAVIGATION, now, refusal.get());
            // Stop the navigation; if the old page is gone anyway, go back to the last good one.
            Platform.runLater(() -> {
                if (closed.getAsBoolean()) return;
                engine.getLoadWorker().cancel();
                Platform.runLater(this::restoreAfterBlock);
            });
            return;
        }
        view.showAddress(now);
    }

    private void restoreAfterBlock() {
        if (closed.getAsBoolean()) return;
        Document doc = engine.getDocument();
        String docUrl = doc == null ? null : doc.getDocumentURI();
        // A refused redirect leaves an empty document under the redirecting URL: anything but the last
        // good page means the page is gone, so bring that back.
        if (docUrl == null || NavigationPolicy.refusal(docUrl).isPresent() || !sameDocument(docUrl, lastGood)) {
            restoring = true; // keep the "Blocked ..." message while the last good page comes back
            engine.load(lastGood != null ? lastGood : "about:blank");
        }
        view.showAddress(lastGood);
    }

    private static boolean sameDocument(String a, String b) {
        if (a == null || b == null) return false;
        int i = a.indexOf('#'), j = b.indexOf('#');
        return (i >= 0 ? a.substring(0, i) : a).equals(j >= 0 ? b.substring(0, j) : b);
    }

    private void onState(Worker.State state) {
        if (closed.getAsBoolean()) return;
        switch (state) {
            case SCHEDULED, RUNNING -> {
                String loc = engine.getLocation();
                if (pendingBlock != null && pendingBlock.equals(loc)) return;
                if (state == Worker.State.SCHEDULED) events.get().pageActivity(); // a form sent, a link followed
                view.showProgress(true);
                if (!restoring) view.loading(Messages.t("login.status.loading", LoginView.hostOf(loc)));
            }
            case SUCCEEDED -> {
                view.showProgress(false);
                String loc = engine.getLocation();
                if (loc != null && NavigationPolicy.refusal(loc).isEmpty() && !loc.equals("about:blank")) {
                    lastGood = loc;
                    pendingBlock = null;
                    view.showAddress(loc);
                    view.hideError();
                    if (!restoring) view.status(Messages.t("login.status.done"));
                    restoring = false;
                }
                guardDocument(engine.getDocument());
                view.showHistory(engine.getHistory());
                events.get().pageActivity(); // the portal may have let us through with this page
            }
            case FAILED, CANCELLED -> {
                view.showProgress(false);
                restoring = false;
                onLoadEnded(state);
                view.showHistory(engine.getHistory());
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
            block(BlockedEvent.Kind.NAVIGATION, redirect, Messages.t("login.blocked.redirect", NavigationPolicy.scheme(redirect)));
            Platform.runLater(this::restoreAfterBlock);
            return;
        }
        if (headers.isPresent() && NavigationPolicy.isDownload(headers.get())) {
            block(BlockedEvent.Kind.DOWNLOAD, loc, Messages.t(DOWNLOAD_REFUSED));
            Platform.runLater(this::restoreAfterBlock);
            return;
        }
        if (state == Worker.State.CANCELLED) {
            view.status(Messages.t("login.status.stopped"));
            view.showAddress(currentDocumentUrl());
            return;
        }
        Throwable ex = engine.getLoadWorker().getException();
        String reason = ex == null || ex.getMessage() == null ? Messages.t("login.error.unknownReason") : ex.getMessage();
        URI url = NavigationPolicy.toUri(loc);
        if (isTlsFailure(reason) && url != null && "https".equalsIgnoreCase(url.getScheme())) {
            block(BlockedEvent.Kind.CERTIFICATE, url.toString(), Messages.t("login.cert.blocked", url.getHost()));
            view.showCertificateError(url, reason);
            events.get().loadFailed(url, reason);
            return;
        }
        LOG.info("sign-in page failed to load: " + (url == null ? "?" : url) + ": " + reason);
        view.showLoadError(url, reason, () -> events.get().adviceRequested(url, reason));
        events.get().loadFailed(url, reason);
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

    // ---- refusals --------------------------------------------------------------------------------------

    private void block(BlockedEvent.Kind kind, String target, String message) {
        BlockedEvent e = new BlockedEvent(kind, NavigationPolicy.shorten(target == null ? "" : target), message, Instant.now());
        blocked.add(e);
        LOG.warning("sign-in window blocked " + kind + ": " + e.target() + " (" + message + ")");
        view.warn(message);
        events.get().blocked(e);
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
        block(BlockedEvent.Kind.LINK, href, NavigationPolicy.refusal(href).orElse(Messages.t("login.blocked.scheme", scheme)));
    }

    // ---- page dialogs ----------------------------------------------------------------------------------

    private void onAlert(WebEvent<String> e) {
        if (!dialogs.tryOpen()) {
            block(BlockedEvent.Kind.DIALOG, e.getData(), "The page keeps opening dialogs; further ones are suppressed");
            return;
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION, limit(e.getData()), ok());
        prepare(a, Messages.t("login.dialog.message", LoginView.hostOf(engine.getLocation())));
        a.setOnHidden(x -> dialogs.closed());
        a.show(); // not blocking: the page's script goes on, and at most one is open
    }

    private Boolean onConfirm(String message) {
        if (!dialogs.tryOpen()) {
            block(BlockedEvent.Kind.DIALOG, message, "The page keeps opening dialogs; further ones are suppressed");
            return false;
        }
        try {
            ButtonType ok = ok();
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, limit(message), ok, cancel());
            prepare(a, Messages.t("login.dialog.question", LoginView.hostOf(engine.getLocation())));
            return a.showAndWait().filter(b -> b == ok).isPresent();
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
            d.getDialogPane().getButtonTypes().setAll(ok(), cancel()); // JavaFX's own words follow the JVM locale, not ours
            prepare(d, Messages.t("login.dialog.question", LoginView.hostOf(engine.getLocation())));
            return d.showAndWait().orElse(null);
        } finally {
            dialogs.closed();
        }
    }

    private void prepare(javafx.scene.control.Dialog<?> d, String title) {
        d.initOwner(owner);
        d.initModality(Modality.WINDOW_MODAL);
        d.setTitle(title);
        d.setHeaderText(null);
        d.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
    }

    /** OK and Cancel in the app's language (JavaFX's own follow the JVM's locale and know neither Russian nor Arabic). */
    static ButtonType ok() {
        return new ButtonType(Messages.t("common.ok"), javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
    }

    static ButtonType cancel() {
        return new ButtonType(Messages.t("common.cancel"), javafx.scene.control.ButtonBar.ButtonData.CANCEL_CLOSE);
    }

    private static String limit(String s) {
        if (s == null) return "";
        return s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
