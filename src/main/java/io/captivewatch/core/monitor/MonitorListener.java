package io.captivewatch.core.monitor;

import io.captivewatch.core.network.NetworkChange;

/**
 * What the monitor tells its shells (tray, CLI watch printer, login window). Called on the monitor's
 * own thread: desktop listeners hop to the FX / AWT thread themselves. Implementations must return quickly.
 */
public interface MonitorListener {
    /** Every state change: a check started or finished, the verdict changed, pause toggled. */
    default void stateChanged(MonitorState state) {}

    /** A network change was noticed (after debouncing). */
    default void networkChanged(NetworkChange change) {}

    /**
     * The network may be changing (an OS hint, before it is debounced and checked; at most once per
     * {@code Monitor.ACTIVITY_QUIET} unless a network left or changed since, never while paused). A chance to get
     * ready for a prompt that may follow within a second or two, e.g. to start the login window's process.
     */
    default void networkActivity() {}

    /**
     * The one place that decides "show the login window now": once per portal episode per network,
     * honouring the per-network "don't ask again" / "always open" settings.
     */
    default void promptLogin(LoginPrompt prompt) {}

    /** The network is online again after a portal episode (the login window may close itself). */
    default void portalCleared(MonitorState state) {}

    /**
     * The session announced by the captive-portal API (RFC 8908 seconds-remaining) ends soon: called once per
     * session, {@link SessionTimers#WARNING_MAX} or 10% of the remaining time (at least
     * {@link SessionTimers#WARNING_MIN}) before {@link SessionInfo#expiresAt()}. A later check that extends
     * the session starts a new one (and a new warning).
     */
    default void sessionExpiring(SessionInfo info) {}
}
