package io.captivewatch.desktop.login;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.desktop.fx.ReportWindow;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.web.WebHistory;
import javafx.scene.web.WebView;

import java.net.URI;

/**
 * What the sign-in window looks like: the toolbar with its address line (security mark, host, full address),
 * the "You're online" banner, the page (or "Opening…" until the WebView is attached), the error and
 * certificate views, and the status line. It decides nothing about the page ({@link PageGuards} does); its
 * buttons call back into {@link Actions}. FX thread only.
 */
final class LoginView {
    private static final String WARNING_STYLE = "-fx-text-fill: #8a3a00; -fx-font-weight: bold;";

    /** What the view's buttons ask of the window. */
    interface Actions {
        void go(int delta);

        void reload();

        void openInBrowser();

        /** "Try again" in an error view. */
        void navigate(String url);

        /** Whether the window has closed (late results are dropped then). */
        boolean closed();
    }

    private final Actions actions;
    private final Label opening = new Label(Messages.t("login.opening"));
    private final StackPane center = new StackPane();
    private final Label security = new Label();
    private final Label host = new Label();
    private final Label address = new Label();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar();
    // in the mirrored (Arabic) window Back sits on the right and points right, as in browsers there
    private final Button back = new Button(Messages.current().rightToLeft() ? "\u2192" : "\u2190");
    private final Button forward = new Button(Messages.current().rightToLeft() ? "\u2190" : "\u2192");
    private final Button reload = new Button("\u21bb");
    private final Button openInBrowser = new Button(Messages.t("login.openInBrowser"));
    private final Label banner = new Label(Messages.t("login.onlineBanner"));
    private final Label dnsNote = new Label();
    /** The toolbar and the banner. */
    private final VBox top = new VBox();
    private final VBox errorView = new VBox(10);
    private final BorderPane root;
    private WebView page;

    LoginView(Actions actions) {
        this.actions = actions;
        this.root = build();
        showAddress(null);
    }

    /** The window's content. */
    Parent root() {
        return root;
    }

    private BorderPane build() {
        back.setId("back");
        forward.setId("forward");
        reload.setId("reload");
        openInBrowser.setId("openInBrowser");
        back.setTooltip(new Tooltip(Messages.t("login.back")));
        forward.setTooltip(new Tooltip(Messages.t("login.forward")));
        reload.setTooltip(new Tooltip(Messages.t("login.reload")));
        openInBrowser.setTooltip(new Tooltip(Messages.t("login.openInBrowser.tooltip")));
        back.setOnAction(e -> actions.go(-1));
        forward.setOnAction(e -> actions.go(1));
        reload.setOnAction(e -> actions.reload());
        openInBrowser.setOnAction(e -> actions.openInBrowser());
        back.setDisable(true);
        forward.setDisable(true);

        security.setId("security");
        host.setId("host");
        address.setId("address");
        host.setStyle("-fx-font-weight: bold;");
        address.setStyle("-fx-text-fill: #666;");
        // host names and addresses read left to right in every language (also in the mirrored Arabic window)
        host.setNodeOrientation(javafx.geometry.NodeOrientation.LEFT_TO_RIGHT);
        address.setNodeOrientation(javafx.geometry.NodeOrientation.LEFT_TO_RIGHT);
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

        BorderPane pane = new BorderPane(center);
        dnsNote.setId("networkDnsNote");
        dnsNote.setMaxWidth(Double.MAX_VALUE);
        dnsNote.setPadding(new Insets(3, 8, 3, 8));
        dnsNote.setStyle("-fx-background-color: #e8f0fe; -fx-text-fill: #1a3e72;");
        dnsNote.setVisible(false);
        dnsNote.setManaged(false);
        pane.setTop(top);
        top.getChildren().setAll(toolbar, dnsNote, banner);
        pane.setBottom(statusLine);
        return pane;
    }

    // ---- the page --------------------------------------------------------------------------------------

    /** Puts the WebView in place of "Opening…" and ties the progress bar to its loads. */
    void attach(WebView view, Worker<?> loads) {
        page = view;
        progress.progressProperty().bind(loads.progressProperty());
        view.setVisible(!errorView.isVisible());
        center.getChildren().remove(opening);
        center.getChildren().add(0, view);
    }

    /** Whether a WebView is in the window. */
    boolean hasPage() {
        return page != null;
    }

    /** Lets go of the WebView (on close). */
    void detach() {
        progress.progressProperty().unbind();
        center.getChildren().clear();
        page = null;
    }

    void showProgress(boolean loading) {
        progress.setVisible(loading);
    }

    void showHistory(WebHistory history) {
        back.setDisable(history.getCurrentIndex() <= 0);
        forward.setDisable(history.getCurrentIndex() >= history.getEntries().size() - 1);
    }

    // ---- status line and banner ------------------------------------------------------------------------

    /** A status message (in the style the line has). */
    void status(String text) {
        status.setText(text);
    }

    /** "Loading …": a plain status message. */
    void loading(String text) {
        status.setText(text);
        status.setStyle("");
    }

    /** Something was refused: a warning in the status line. */
    void warn(String text) {
        status.setText(text);
        status.setStyle(WARNING_STYLE);
    }

    String statusText() {
        return status.getText();
    }

    /** "Using the network's own DNS (…) to reach the sign-in page" while the window resolves through it. */
    void showNetworkDns(java.util.List<String> servers) {
        boolean on = !servers.isEmpty();
        dnsNote.setText(on ? noteFor(servers) : "");
        dnsNote.setVisible(on);
        dnsNote.setManaged(on);
    }

    static String noteFor(java.util.List<String> servers) {
        return Messages.t("login.dnsNote", String.join(", ", servers));
    }

    String networkDnsNote() {
        return dnsNote.isVisible() ? dnsNote.getText() : "";
    }

    void showBanner(boolean shown) {
        banner.setVisible(shown);
        banner.setManaged(shown);
        status.setText(shown ? Messages.t("login.onlineStatus") : "");
    }

    // ---- error views -----------------------------------------------------------------------------------

    /** The page did not load: why, "Open in browser", "Try again" and "What can I do?" ({@code advice}). */
    void showLoadError(URI url, String reason, Runnable advice) {
        status.setText(Messages.t("login.status.couldNotLoad", reason));
        Button adviceButton = new Button(Messages.t("login.error.advice"));
        adviceButton.setId("adviceButton");
        adviceButton.setOnAction(e -> advice.run());
        fillError(Messages.t("login.error.title"), url, reason, adviceButton, false);
    }

    /**
     * The site's certificate cannot be verified: the certificate view, whose reason is replaced by what
     * {@link CertificateCheck} finds (on a thread of its own, within a deadline).
     */
    void showCertificateError(URI url, String reason) {
        java.util.function.Consumer<String> why = fillError(Messages.t("login.cert.title"), url,
                Messages.t("login.cert.body", url.getHost(), reason), null, true);
        Messages words = Messages.current(); // the result comes back on another thread
        Thread t = new Thread(() -> {
            String detail = CertificateCheck.diagnose(url, java.time.Duration.ofSeconds(5));
            Platform.runLater(() -> {
                if (!actions.closed() && errorView.isVisible()) {
                    why.accept(words.get("login.cert.detail", detail));
                }
            });
        }, "captivewatch-cert-check");
        t.setDaemon(true);
        t.start();
    }

    /** Shows the error view; returns how to replace its reason later (the certificate check's finding). */
    private java.util.function.Consumer<String> fillError(String title, URI url, String reason, Button extra, boolean certificateError) {
        Label t = new Label(title);
        t.setId("errorTitle");
        t.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
        t.setWrapText(true);
        Label h = new Label(url == null ? "" : url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : ""));
        h.setId("errorHost");
        h.setNodeOrientation(javafx.geometry.NodeOrientation.LEFT_TO_RIGHT);
        h.setStyle("-fx-font-size: 14px; -fx-font-family: monospace;");
        javafx.scene.Node r = reasonNode(reason);
        Button browser = new Button(Messages.t("login.openInBrowser"));
        browser.setId("errorOpenInBrowser");
        browser.setOnAction(e -> {
            if (url != null) {
                BrowserLauncher.open(url);
                status.setText(Messages.t("login.status.openedInBrowser", url.getHost()));
            }
        });
        Button retry = new Button(Messages.t("login.error.tryAgain"));
        retry.setId("retry");
        retry.setOnAction(e -> {
            if (url != null) actions.navigate(url.toString());
        });
        HBox buttons = new HBox(8, browser, retry);
        if (extra != null) buttons.getChildren().add(extra);
        buttons.setAlignment(Pos.CENTER);
        errorView.getChildren().setAll(t, h, r, buttons);
        errorView.setVisible(true);
        if (page != null) page.setVisible(false);
        showAddress(url == null ? null : url.toString(), certificateError);
        return text -> {
            if (r instanceof Label l) {
                l.setText(text);
                return;
            }
            int at = errorView.getChildren().indexOf(errorView.lookup("#errorReason"));
            if (at >= 0) errorView.getChildren().set(at, reasonNode(text));
        };
    }

    /**
     * Why the page did not load: a wrapping, centred label; in a mirrored (right-to-left) window a
     * {@link ReportWindow.Paragraph}, which breaks its lines itself, since JavaFX 21 wraps Arabic at one width and
     * draws it wider (the reason ran past its box and was cut off, its last sentence shown twice).
     */
    private static javafx.scene.Node reasonNode(String reason) {
        if (ReportWindow.orientation() == javafx.geometry.NodeOrientation.RIGHT_TO_LEFT) {
            ReportWindow.Paragraph p = ReportWindow.paragraph(reason);
            p.setId("errorReason");
            p.setMaxWidth(560);
            return p;
        }
        Label r = new Label(reason);
        r.setId("errorReason");
        r.setWrapText(true);
        r.setMaxWidth(560);
        r.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        return r;
    }

    void hideError() {
        errorView.setVisible(false);
        errorView.getChildren().clear();
        if (page != null) page.setVisible(true);
    }

    boolean errorShown() {
        return errorView.isVisible();
    }

    // ---- address line ----------------------------------------------------------------------------------

    void showAddress(String url) {
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
        security.setText(Messages.t(secure ? "login.security.secure" : certificateError ? "login.security.certificateError" : "login.security.notSecure"));
        security.setStyle(secure
                ? "-fx-background-color: #e6f4ea; -fx-text-fill: #1e6b34; -fx-padding: 1 6; -fx-background-radius: 3; -fx-font-weight: bold;"
                : "-fx-background-color: #fdecea; -fx-text-fill: #a3201a; -fx-padding: 1 6; -fx-background-radius: 3; -fx-font-weight: bold;");
        security.setTooltip(new Tooltip(Messages.t(secure ? "login.security.secure.tooltip"
                : certificateError ? "login.security.certificateError.tooltip" : "login.security.notSecure.tooltip")));
        host.setText(u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : ""));
        address.setText(url);
        address.setTooltip(new Tooltip(url));
    }

    /** The host of {@code url} for messages, or "the page". */
    static String hostOf(String url) {
        URI u = NavigationPolicy.toUri(url);
        return u == null || u.getHost() == null ? Messages.t("login.thePage") : u.getHost();
    }
}
