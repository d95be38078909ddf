package io.captivewatch.desktop;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.url.SafeUrl;
import io.captivewatch.desktop.advice.AdviceView;
import io.captivewatch.desktop.fx.FxRuntime;
import io.captivewatch.desktop.inspector.InspectorView;
import io.captivewatch.desktop.login.BrowserLauncher;
import io.captivewatch.desktop.login.LoginWindow;
import io.captivewatch.desktop.login.LoginWindowProcess;
import io.captivewatch.desktop.settings.SettingsView;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The app's windows. The login window runs in a child process ({@link LoginWindowProcess}) so its WebKit
 * memory leaves with it; the others are JavaFX windows in this JVM, which starts the toolkit on the first
 * one ({@link FxRuntime}). Every method returns at once and hops to the right thread.
 */
public final class FxWindows implements AppWindows {
    private final Supplier<SettingsView> settingsFactory;
    private final Consumer<String> debug;
    private SettingsView settings; // FX thread only
    private InspectorView details; // FX thread only
    private AdviceView adviceView; // FX thread only
    private volatile Runnable loginAdvice;
    private final LoginWindowProcess.Events loginEvents = newLoginEvents();
    private final LoginWindowProcess loginProcess; // null: the login window runs in this JVM

    /** {@code -Dcaptivewatch.loginProcess=false} keeps the login window in the app's own JVM. */
    public static final String LOGIN_PROCESS_PROPERTY = "captivewatch.loginProcess";

    /**
     * @param settingsFactory makes a settings view from the current settings (called on the FX thread)
     * @param debug           one line per window event
     */
    public FxWindows(Supplier<SettingsView> settingsFactory, Consumer<String> debug) {
        this.settingsFactory = settingsFactory;
        this.debug = debug;
        this.loginProcess = Boolean.parseBoolean(System.getProperty(LOGIN_PROCESS_PROPERTY, "true"))
                ? new LoginWindowProcess(LoginWindowProcess::commandForThisJvm, loginEvents, debug) : null;
    }

    /** Called (FX thread) when the user asks for advice from the login window's error view. */
    public void onLoginAdviceRequested(Runnable r) {
        this.loginAdvice = r;
    }

    @Override
    public void openLogin(URI url) {
        if (!SafeUrl.isAcceptable(url)) return;
        if (loginProcess != null) {
            loginProcess.open(url); // reports "shown" or "failed" (-> openInProcess) through loginEvents
        } else {
            openInProcess(url);
        }
    }

    @Override
    public void prepareLogin() {
        if (loginProcess != null) loginProcess.prepare();
    }

    /** What a login window reports (the child process's, or the in-process window's): debug lines and reactions. */
    private LoginWindowProcess.Events newLoginEvents() {
        return new LoginWindowProcess.Events() {
            @Override
            public void shown(URI url) {
                debug.accept("login open " + url);
            }

            @Override
            public void loadFailed(String reason) {
                debug.accept("login load failed " + reason);
            }

            @Override
            public void adviceRequested(String reason) {
                Runnable r = loginAdvice;
                if (r != null) r.run();
            }

            @Override
            public void closed() {
                debug.accept("login closed");
            }

            @Override
            public void failed(URI url, String why) {
                debug.accept("login process failed (" + why + "), opening the window in this process");
                openInProcess(url);
            }
        };
    }

    /**
     * The login window in this JVM: the fallback when no child process can show it (and the mode for
     * {@code -D}{@value #LOGIN_PROCESS_PROPERTY}{@code =false}). Falls back to the browser in turn.
     */
    private void openInProcess(URI url) {
        FxRuntime.run(() -> {
            try {
                LoginWindowProcess.Events events = loginEvents; // the same reactions as to the child's reports
                LoginWindow.open(url, new LoginWindow.Listener() {
                    @Override
                    public void closed() {
                        events.closed();
                    }

                    @Override
                    public void loadFailed(URI u, String reason) {
                        events.loadFailed(reason);
                    }

                    @Override
                    public void adviceRequested(URI u, String reason) {
                        events.adviceRequested(reason);
                    }
                });
                events.shown(url);
            } catch (RuntimeException e) {
                // the sandboxed window could not open: the system browser is the fallback
                debug.accept("login window failed (" + e + "), using the browser");
                BrowserLauncher.open(url);
            }
        }, e -> {
            debug.accept("javafx unavailable (" + e + "), using the browser");
            BrowserLauncher.open(url);
        });
    }

    @Override
    public void loginCleared() {
        if (loginProcess != null && loginProcess.isRunning()) {
            debug.accept("login online");
            loginProcess.online();
        }
        if (!FxRuntime.isStarted()) return; // no window was ever opened in this process
        FxRuntime.run(() -> LoginWindow.current().ifPresent(w -> {
            debug.accept("login online");
            w.showOnlineAndClose();
        }));
    }

    @Override
    public void showDetails(Classification c) {
        FxRuntime.run(() -> {
            if (details != null) details.close();
            details = InspectorView.show(c);
            debug.accept("window details " + c.verdict());
        });
    }

    @Override
    public void showAdvice(Classification c, List<Advice> advice) {
        FxRuntime.run(() -> {
            if (adviceView != null) adviceView.close();
            adviceView = AdviceView.show(c, advice);
            debug.accept("window advice " + c.verdict() + " " + advice.size());
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
        if (loginProcess != null) loginProcess.close();
        if (!FxRuntime.isStarted()) return;
        FxRuntime.run(() -> {
            if (details != null) details.close();
            if (adviceView != null) adviceView.close();
            if (settings != null && settings.root().getScene() != null) settings.root().getScene().getWindow().hide();
        });
    }
}
