package io.captivewatch.desktop.login;

import io.captivewatch.core.url.WebUrl;

import java.net.URI;

/**
 * What a login window reports, wherever it runs: the in-process {@link LoginWindow} (on the FX thread), the
 * child process through {@link LoginWindowProcess} (on its reader thread), and {@link LoginLauncher}, which
 * owns the whole chain, to the app (on either). One interface for all three, so a report reads the same
 * whichever window made it. Every method does nothing by default.
 */
public interface LoginEvents {
    /** The window shows {@code url} (after every open). */
    default void shown(URI url) {}

    /**
     * A page would not load (the owner may offer advice, see {@code Fact.PAGE_LOAD_FAILED}). {@code url} is
     * null when the report came from the child process (the protocol carries only the reason).
     */
    default void loadFailed(URI url, String reason) {}

    /** The user pressed "What can I do?" in the error view; {@code url} as for {@link #loadFailed}. */
    default void adviceRequested(URI url, String reason) {}

    /** The window refused something for the page (already logged). Only the in-process window reports it. */
    default void blocked(BlockedEvent event) {}

    /**
     * A page in the window finished loading, or a new one was asked for (a form sent, a link followed): the user may
     * be through the portal now, so the owner re-checks soon ({@code Monitor.loginPageActivity}, issue #17).
     */
    default void pageActivity() {}

    /** The window closed (by the user, after "online", by {@code close}, or because its process ended). */
    default void closed() {}

    /**
     * The window could not be shown for {@code url} (no child could be started, or it died or hung before
     * showing it). Reported by {@link LoginWindowProcess}; {@link LoginLauncher} takes it as the cue for its
     * next fallback and does not pass it on.
     */
    default void failed(WebUrl url, String why) {}

    /** The user submitted a form (issue #20): what a recipe may be made of, no secret in it. */
    default void formSubmitted(io.captivewatch.core.recipe.SubmittedForm form) {}
}
