package io.captivewatch.desktop;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.url.WebUrl;
import io.captivewatch.desktop.advice.AdviceView;
import io.captivewatch.desktop.fx.FxRuntime;
import io.captivewatch.desktop.inspector.InspectorView;
import io.captivewatch.desktop.login.LoginEvents;
import io.captivewatch.desktop.login.LoginLauncher;
import io.captivewatch.desktop.settings.SettingsView;

import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The app's windows. The login window is {@link LoginLauncher}'s (a child process, so its WebKit memory leaves
 * with it, with its own fallbacks); the others are JavaFX windows in this JVM, which starts the toolkit on the
 * first one ({@link FxRuntime}). Every method returns at once and hops to the right thread.
 */
public final class FxWindows implements AppWindows {
    private final Supplier<SettingsView> settingsFactory;
    private final Consumer<String> debug;
    private SettingsView settings; // FX thread only
    private InspectorView details; // FX thread only
    private AdviceView adviceView; // FX thread only
    private volatile Runnable loginAdvice;
    private volatile Runnable loginPageActivity;
    private final LoginLauncher login;

    /**
     * @param settingsFactory makes a settings view from the current settings (called on the FX thread)
     * @param debug           one line per window event
     */
    public FxWindows(Supplier<SettingsView> settingsFactory, Consumer<String> debug) {
        this.settingsFactory = settingsFactory;
        this.debug = debug;
        this.login = LoginLauncher.forThisApp(newLoginEvents(), debug);
    }

    /** Issue #20: the login window's submitted forms go to {@code forms} (the tray offers the recipe itself). */
    public void onSignInRecording(Consumer<io.captivewatch.core.recipe.SubmittedForm> forms) {
        this.loginForms = forms;
    }

    private volatile Consumer<io.captivewatch.core.recipe.SubmittedForm> loginForms = f -> {};

    /**
     * Called (on the FX thread or the login process's reader thread) when the user asks for advice from the login
     * window's error view.
     */
    public void onLoginAdviceRequested(Runnable r) {
        this.loginAdvice = r;
    }

    /** Where the login window learns the network's own DNS servers (see {@link LoginLauncher#networkDns}). */
    public void loginNetworkDns(Supplier<java.util.List<String>> servers) {
        login.networkDns(servers);
    }

    /** Called (on the FX thread or the login process's reader thread) when a page in the login window loads or is asked for. */
    public void onLoginPageActivity(Runnable r) {
        this.loginPageActivity = r;
    }

    @Override
    public void openLogin(WebUrl url) {
        login.open(url);
    }

    @Override
    public void prepareLogin() {
        login.prepare();
    }

    @Override
    public void loginCleared() {
        login.online();
    }

    /** What the login window reports, wherever it runs: debug lines, and advice when the user asks for it. */
    private LoginEvents newLoginEvents() {
        return new LoginEvents() {
            @Override
            public void shown(URI url) {
                debug.accept("login open " + url);
            }

            @Override
            public void pageActivity() {
                Runnable r = loginPageActivity;
                if (r != null) r.run();
            }

            @Override
            public void loadFailed(URI url, String reason) {
                debug.accept("login load failed " + reason);
            }

            @Override
            public void adviceRequested(URI url, String reason) {
                Runnable r = loginAdvice;
                if (r != null) r.run();
            }

            @Override
            public void closed() {
                debug.accept("login closed");
            }

            @Override
            public void formSubmitted(io.captivewatch.core.recipe.SubmittedForm form) {
                loginForms.accept(form);
            }
        };
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
    public void openInBrowser(WebUrl url) {
        io.captivewatch.desktop.login.BrowserLauncher.open(url);
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
        login.close();
        if (!FxRuntime.isStarted()) return;
        FxRuntime.run(() -> {
            if (details != null) details.close();
            if (adviceView != null) adviceView.close();
            if (settings != null && settings.root().getScene() != null) settings.root().getScene().getWindow().hide();
        });
    }
}
