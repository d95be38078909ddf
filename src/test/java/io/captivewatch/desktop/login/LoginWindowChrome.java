package io.captivewatch.desktop.login;

import io.captivewatch.core.url.WebUrl;
import javafx.concurrent.Worker;
import javafx.stage.Stage;

import java.net.URI;
import java.util.List;

/**
 * The sign-in window's chrome for tests outside this package (the pseudo-locale test and its screenshots): opens the
 * window, and puts each of its views on screen (DNS note, banner with the auto-sign-in offer, error views). FX thread.
 */
public final class LoginWindowChrome {
    private final LoginWindow window;

    private LoginWindowChrome(LoginWindow window) {
        this.window = window;
    }

    public static LoginWindowChrome open(URI url, LoginEvents events) {
        return new LoginWindowChrome(LoginWindow.open(WebUrl.require(url), events));
    }

    public Stage stage() {
        return window.stage();
    }

    /** Whether the page whose address ends in {@code suffix} has loaded. */
    public boolean loaded(String suffix) {
        return window.engine() != null && window.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED
                && window.engine().getLocation().endsWith(suffix);
    }

    public void networkDns(List<String> servers) {
        LoginWindow.useNetworkDns(servers);
    }

    /** "You're online" (the automatic sign-in offer is the tray's notification, not the window's: #17). */
    public void online() {
        window.view().showBanner(true);
    }

    public void loadError(URI url, String reason) {
        window.view().showLoadError(url, reason, () -> {});
    }

    public void certificateError(URI url, String reason) {
        window.view().showCertificateError(url, reason);
    }

    public void hideError() {
        window.view().hideError();
    }

    public void close() {
        window.close();
    }
}
