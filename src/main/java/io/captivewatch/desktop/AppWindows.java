package io.captivewatch.desktop;

import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.classify.Classification;

import io.captivewatch.core.url.WebUrl;
import java.util.List;

/**
 * The app's windows as the controller sees them. Methods may be called from any thread; the
 * implementation ({@link FxWindows}) starts JavaFX on first use and hops to the FX thread.
 */
public interface AppWindows {
    /** Opens the login window on {@code url}, or brings the open one forward. */
    void openLogin(WebUrl url);

    /** A login window may be needed soon (the network is changing): get ready so it shows quickly. Optional. */
    default void prepareLogin() {}

    /** The portal let us through: the login window says "You're online" and closes itself. */
    void loginCleared();

    /** Shows what the last check saw (every probe, status, header, redirect). */
    void showDetails(Classification c);

    /** Shows advice for a verdict with no login page to open. */
    void showAdvice(Classification c, List<Advice> advice);

    /** Opens an http(s) page in the system browser (the network's venue information, issue #20). */
    default void openInBrowser(WebUrl url) {}

    /** Opens the settings window. */
    void showSettings();

    /** Closes every window (on quit). */
    void closeAll();
}
