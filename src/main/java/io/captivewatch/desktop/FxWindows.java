package io.captivewatch.desktop;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.extract.SafeUrl;
import io.captivewatch.desktop.login.BrowserLauncher;
import io.captivewatch.desktop.login.LoginWindow;
import io.captivewatch.desktop.settings.SettingsView;
import io.captivewatch.desktop.tray.FxImages;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

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
    private volatile Runnable loginAdvice;

    /**
     * @param settingsFactory makes a settings view from the current settings (called on the FX thread)
     * @param debug           one line per window event
     */
    public FxWindows(Supplier<SettingsView> settingsFactory, Consumer<String> debug) {
        this.settingsFactory = settingsFactory;
        this.debug = debug;
    }

    /** Called (FX thread) when the user asks for advice from the login window's error view. */
    public void onLoginAdviceRequested(Runnable r) {
        this.loginAdvice = r;
    }

    @Override
    public void openLogin(URI url) {
        if (!SafeUrl.isAcceptable(url)) return;
        try {
            FxRuntime.ensureStarted();
        } catch (RuntimeException | Error e) {
            debug.accept("javafx unavailable (" + e + "), using the browser");
            BrowserLauncher.open(url);
            return;
        }
        FxRuntime.run(() -> {
            try {
                LoginWindow.open(url, new LoginWindow.Listener() {
                    @Override
                    public void closed() {
                        debug.accept("login closed");
                    }

                    @Override
                    public void loadFailed(URI u, String reason) {
                        debug.accept("login load failed " + reason);
                    }

                    @Override
                    public void adviceRequested(URI u, String reason) {
                        Runnable r = loginAdvice;
                        if (r != null) r.run();
                    }
                });
                debug.accept("login open " + url);
            } catch (RuntimeException e) {
                // the sandboxed window could not open: the system browser is the fallback
                debug.accept("login window failed (" + e + "), using the browser");
                BrowserLauncher.open(url);
            }
        });
    }

    @Override
    public void loginCleared() {
        if (!FxRuntime.isStarted()) return; // no window was ever opened
        FxRuntime.run(() -> LoginWindow.current().ifPresent(w -> {
            debug.accept("login online");
            w.showOnlineAndClose();
        }));
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
