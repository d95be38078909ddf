package io.captivewatch.core.settings;

/** What to do when a captive portal is found. */
public enum PopupBehaviour {
    /** Ask first (a notification / tray balloon with "Sign in"), open the login window only when the user agrees. */
    ASK,
    /** Open the login window at once (the default). */
    OPEN_AUTOMATICALLY,
    /** Never open it on its own; the tray icon still shows the portal and "Sign in…" works. */
    NEVER
}
