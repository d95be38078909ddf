package io.captivewatch.desktop.tray;

/**
 * The desktop shell's face: a system-tray icon ({@link AwtTray}) or, where there is no tray, a small
 * status window ({@link StatusWindowTray}). Kept this small so an AppIndicator implementation can follow.
 * All methods may be called from any thread; implementations hop to their UI thread.
 */
public interface TrayUi extends AutoCloseable {
    /** Shows a new status: icon, tooltip / labels, and which menu items are enabled. */
    void setState(TrayStatus status);

    /** A short notification (tray balloon, or a message in the status window). */
    void notify(String title, String message);

    /**
     * A notification offering one action ("Sign in again"): the tray balloon runs it when clicked (and a
     * double-click on the icon does while it is the latest offer), the status window shows a button.
     * Default: the plain notification, no action.
     */
    default void notify(String title, String message, String actionLabel, Runnable action) {
        notify(title, message);
    }

    /** Brings the UI forward if it has a window (a second start of the app asks for this). */
    default void reveal() {}

    /** Removes the icon / closes the window. Idempotent. */
    @Override
    void close();

    /** The status last passed to {@link #setState}. */
    TrayStatus status();
}
