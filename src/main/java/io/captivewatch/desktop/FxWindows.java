package io.captivewatch.desktop;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.extract.SafeUrl;
import io.captivewatch.desktop.settings.SettingsView;
import io.captivewatch.desktop.tray.FxImages;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

import java.awt.Desktop;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The JavaFX windows. JavaFX starts on the first window ({@link FxRuntime}); every method hops to the FX thread.
 */
public final class FxWindows implements Windows {
    private final Supplier<SettingsView> settingsFactory;
    private final Consumer<String> debug;
    private SettingsView settings; // FX thread only
    private Stage details;         // FX thread only

    /**
     * @param settingsFactory makes a settings view from the current settings (called on the FX thread)
     * @param debug           one line per window event
     */
    public FxWindows(Supplier<SettingsView> settingsFactory, Consumer<String> debug) {
        this.settingsFactory = settingsFactory;
        this.debug = debug;
    }

    @Override
    public void openLogin(URI url) {
        if (!SafeUrl.isAcceptable(url)) return;
        // Until the login window (login branch) is merged: the system browser.
        Thread t = new Thread(() -> {
            try {
                if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                    Desktop.getDesktop().browse(url);
                    debug.accept("login browser " + url);
                } else {
                    debug.accept("login browser unavailable " + url);
                }
            } catch (Exception e) {
                debug.accept("login browser failed " + e);
            }
        }, "captivewatch-browse");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void loginCleared() {
        // nothing to close while logins go to the system browser
    }

    @Override
    public void showDetails(Classification c) {
        StringBuilder b = new StringBuilder(c.verdict().title()).append("\n\n").append(c.evidence()).append("\n\n");
        for (ProbeAssessment a : c.probes()) b.append(a.observation().spec().url()).append("\n    ").append(a.reason()).append("\n");
        c.loginUrl().ifPresent(u -> b.append("\nLogin page: ").append(u).append("\n"));
        c.warnings().forEach(w -> b.append("\nWarning: ").append(w));
        text("CaptiveWatch details", b.toString());
    }

    @Override
    public void showAdvice(Classification c, List<Advice> advice) {
        StringBuilder b = new StringBuilder(c.verdict().title()).append("\n\n");
        for (Advice a : advice) {
            b.append(a.title()).append("\n").append(a.body()).append("\n");
            a.commands().forEach(cmd -> b.append("    $ ").append(cmd).append("\n"));
            b.append("\n");
        }
        text("CaptiveWatch: what can I do?", b.toString());
    }

    private void text(String title, String body) {
        FxRuntime.run(() -> {
            if (details == null) {
                details = new Stage();
                details.getIcons().add(FxImages.app(32));
                TextArea area = new TextArea();
                area.setEditable(false);
                area.setWrapText(true);
                details.setScene(new Scene(area, 640, 420));
            }
            details.setTitle(title);
            ((TextArea) details.getScene().getRoot()).setText(body);
            details.show();
            details.toFront();
            debug.accept("window " + title);
        });
    }

    @Override
    public void showSettings() {
        FxRuntime.run(() -> {
            if (settings == null || !settings.root().getScene().getWindow().isShowing()) settings = settingsFactory.get();
            settings.show();
            debug.accept("window " + SettingsView.TITLE);
        });
    }

    @Override
    public void closeAll() {
        if (!FxRuntime.isStarted()) return;
        FxRuntime.run(() -> {
            if (details != null) details.hide();
            if (settings != null && settings.root().getScene() != null) settings.root().getScene().getWindow().hide();
        });
    }
}
