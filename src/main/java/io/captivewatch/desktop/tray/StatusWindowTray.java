package io.captivewatch.desktop.tray;

import io.captivewatch.desktop.fx.FxRuntime;
import io.captivewatch.desktop.icons.FxImages;
import io.captivewatch.desktop.icons.StatusIcon;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the desktop has no system tray: a small JavaFX window doing the tray's job. It shows the state
 * icon, the state, the network and the last check time, the latest notification, and one button per
 * {@link TrayMenuModel} item (same labels, same enabled rules). Closing it minimises it; Quit quits.
 * Node ids: {@code #state}, {@code #session}, {@code #network}, {@code #lastCheck}, {@code #message},
 * {@code #messageAction} (the latest notification's action, e.g. "Sign in again"), {@code #trayHint} (how to get a
 * tray icon on this desktop, e.g. GNOME's AppIndicator extension), and the item ids
 * ({@code #checkNow}, {@code #signIn}, {@code #advice}, {@code #details}, {@code #pause}, {@code #settings}, {@code #quit}).
 */
public final class StatusWindowTray implements TrayUi {
    /** Window title (system tests look for it): the app's name, the same in every language. */
    public static final String TITLE = "CaptiveWatch";
    private final TrayText words = TrayText.current();

    private final AtomicReference<TrayStatus> status = new AtomicReference<>(TrayStatus.initial());
    private final ZoneId zone;
    private Stage stage;
    private ImageView iconView;
    private Label state;
    private Label network;
    private Label lastCheck;
    private Label message;
    private Label session;
    private Button messageAction;
    private String trayHintText = "";
    private javafx.animation.Timeline sessionRefresh;
    private final Map<TrayMenuModel.Item, Button> buttons = new EnumMap<>(TrayMenuModel.Item.class);
    private volatile boolean closed;

    private StatusWindowTray(ZoneId zone) {
        this.zone = zone;
    }

    /** Opens the status window (starting JavaFX if needed). {@code minimized}: start iconified. */
    public static StatusWindowTray open(TrayActions actions, boolean minimized) {
        return open(actions, minimized, Optional.empty());
    }

    /**
     * The same, with a line on top saying how this desktop could show a tray icon instead ({@link TrayHint}),
     * said once: it stays until the window closes, notifications do not replace it.
     */
    public static StatusWindowTray open(TrayActions actions, boolean minimized, Optional<String> trayHint) {
        return open(actions, minimized, ZoneId.systemDefault(), trayHint);
    }

    static StatusWindowTray open(TrayActions actions, boolean minimized, ZoneId zone) {
        return open(actions, minimized, zone, Optional.empty());
    }

    static StatusWindowTray open(TrayActions actions, boolean minimized, ZoneId zone, Optional<String> trayHint) {
        StatusWindowTray t = new StatusWindowTray(zone);
        t.trayHintText = trayHint.orElse("");
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        FxRuntime.run(() -> {
            try {
                t.build(actions, minimized);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, done::completeExceptionally);
        try { // without a tray this window is the app: wait for it (the toolkit's start limit, and its build)
            done.get(FxRuntime.START_LIMIT.toSeconds() + 30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the status window", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not open the status window", e);
        }
        return t;
    }

    private void build(TrayActions actions, boolean minimized) {
        stage = new Stage();
        stage.setTitle(io.captivewatch.core.i18n.Messages.t("tray.statusWindow.title"));
        stage.getIcons().addAll(FxImages.app(16), FxImages.app(32), FxImages.app(64));
        iconView = new ImageView(FxImages.state(StatusIcon.CHECKING, 48));
        state = label("state", "-fx-font-size: 16px; -fx-font-weight: bold;");
        state.setWrapText(true); // verdict titles such as "Server asks for credentials (HTTP 401)" take two lines here
        state.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        network = label("network", "");
        lastCheck = label("lastCheck", "");
        message = label("message", "-fx-text-fill: #5d4037;");
        message.setWrapText(true);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        session = label("session", "");
        session.managedProperty().bind(session.textProperty().isNotEmpty());
        session.visibleProperty().bind(session.textProperty().isNotEmpty());
        messageAction = new Button();
        messageAction.setId("messageAction");
        messageAction.managedProperty().bind(messageAction.textProperty().isNotEmpty());
        messageAction.visibleProperty().bind(messageAction.textProperty().isNotEmpty());
        sessionRefresh = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(30),
                ev -> showSession(status.get())));
        sessionRefresh.setCycleCount(javafx.animation.Animation.INDEFINITE);
        sessionRefresh.play();
        VBox text = new VBox(4, state, session, network, lastCheck);
        HBox top = new HBox(12, iconView, text);
        HBox.setHgrow(text, javafx.scene.layout.Priority.ALWAYS);
        text.setMinWidth(0);
        top.setAlignment(Pos.CENTER_LEFT);
        FlowPane buttonPane = new FlowPane(6, 6);
        buttonPane.setPrefWrapLength(390);
        for (TrayMenuModel.Entry e : words.entries(status.get())) {
            Button b = new Button(e.label());
            b.setId(e.item().id());
            TrayMenuModel.Item item = e.item();
            b.setOnAction(ev -> actions.perform(item));
            buttons.put(item, b);
            buttonPane.getChildren().add(b);
        }
        Label trayHint = label("trayHint", "-fx-text-fill: #455a64; -fx-font-size: 11px;");
        trayHint.setWrapText(true);
        trayHint.setText(trayHintText);
        trayHint.managedProperty().bind(trayHint.textProperty().isNotEmpty());
        trayHint.visibleProperty().bind(trayHint.textProperty().isNotEmpty());
        VBox root = new VBox(10, top, message, messageAction, buttonPane, trayHint);
        root.setPadding(new Insets(12));
        Scene scene = new Scene(root, 420, trayHintText.isEmpty() ? 300 : 380);
        io.captivewatch.desktop.fx.ReportWindow.orient(scene);
        stage.setScene(scene);
        buttons.get(TrayMenuModel.Item.CHECK_NOW).setDefaultButton(true);
        // No tray to hide in: closing the window minimises it; Quit is the way out.
        stage.setOnCloseRequest(ev -> {
            ev.consume();
            stage.setIconified(true);
        });
        apply(status.get());
        stage.setIconified(minimized);
        stage.show();
    }

    private static Label label(String id, String style) {
        Label l = new Label();
        l.setId(id);
        if (!style.isEmpty()) l.setStyle(style);
        return l;
    }

    @Override
    public void setState(TrayStatus s) {
        status.set(s);
        Platform.runLater(() -> apply(s));
    }

    private void apply(TrayStatus s) {
        if (closed || stage == null) return;
        iconView.setImage(FxImages.state(s.state(), 48));
        state.setText(words.headline(s, zone));
        network.setText(words.networkLine(s));
        lastCheck.setText(words.lastCheckLine(s, zone));
        showSession(s);
        if (!s.hasSession()) clearAction(); // a session offer ("Sign in again") is moot once the session is gone
        stage.setTitle(words.windowTitle(s));
        for (TrayMenuModel.Entry e : words.entries(s)) {
            Button b = buttons.get(e.item());
            b.setText(e.label());
            b.setDisable(!e.enabled());
        }
    }

    @Override
    public void notify(String title, String text) {
        Platform.runLater(() -> {
            if (closed || stage == null) return;
            message.setText(words.message(title, text));
            clearAction();
        });
    }

    private void showSession(TrayStatus s) {
        if (closed || session == null) return;
        session.setText(words.sessionLine(s, java.time.Instant.now()).orElse(""));
    }

    private void clearAction() {
        messageAction.setText("");
        messageAction.setOnAction(null);
    }

    @Override
    public void notify(String title, String text, String actionLabel, Runnable action) {
        Platform.runLater(() -> {
            if (closed || stage == null) return;
            message.setText(words.message(title, text));
            messageAction.setText(actionLabel);
            messageAction.setOnAction(ev -> {
                clearAction();
                action.run();
            });
        });
    }

    @Override
    public void reveal() {
        Platform.runLater(() -> {
            if (closed || stage == null) return;
            stage.setIconified(false);
            stage.show();
            stage.toFront();
        });
    }

    @Override
    public TrayStatus status() {
        return status.get();
    }

    /** The window (tests). */
    public Stage stage() {
        return stage;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        FxRuntime.run(() -> {
            if (sessionRefresh != null) sessionRefresh.stop();
            if (stage != null) stage.hide();
        });
    }
}
