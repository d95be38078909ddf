package io.captivewatch.desktop.tray;

import io.captivewatch.desktop.dbus.Notifications;
import io.captivewatch.desktop.dbus.SessionBus;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Desktop notifications on Linux through the freedesktop Notifications service ({@code org.freedesktop.Notifications}
 * on the session bus, spoken directly over the app's D-Bus connection, {@link SessionBus}). They look like every other
 * app's notifications, where AWT's {@code TrayIcon.displayMessage} draws its own box, and they cost the tray process
 * little: the balloon loads GTK and, through it, Mesa's GL (~90 MiB of RSS) into the JVM for good.
 *
 * <p>A notification may carry an action ("Sign in", "Sign in again"): it becomes a button next to "Not now", and a
 * click on the notification itself runs it too. The daemon broadcasts {@code ActionInvoked} and
 * {@code NotificationClosed} to every client; only ours (by notification id) run an action, once.
 *
 * <p>A new notification replaces the previous one, so a flapping network leaves one notice, not a stack. Every
 * call is bounded ({@link SessionBus#CALL_LIMIT}); when the service is missing or fails, {@link #send} says so and
 * the caller falls back (the AWT balloon).
 */
public final class FreedesktopNotifier {
    /** How long a notification stays, in ms (the daemon may override it). */
    static final int EXPIRE_MS = 10_000;
    /** The desktop entry the notification belongs to (packaging/linux/captivewatch.desktop). */
    static final String DESKTOP_ENTRY = "captivewatch";
    /** The icon name installed with the app. */
    static final String ICON = "io.captivewatch.CaptiveWatch";
    /** Action keys: the offered action's button, and the click on the notification body ("default"). */
    static final String ACTION_KEY = "act";
    static final String DEFAULT_KEY = "default";
    static final String NOT_NOW_KEY = "not-now";
    /** The message key of the button that dismisses a notification with an action. */
    public static final String NOT_NOW = "tray.notify.notNow";

    private final Notifications service;
    /** Actions of notifications still showing, by notification id. */
    private final Map<Long, Runnable> pending = new ConcurrentHashMap<>();
    /** Runs actions off the bus's signal thread, one at a time. */
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "captivewatch-notify-action");
        t.setDaemon(true);
        return t;
    });
    private volatile long lastId;
    private volatile Boolean actions;

    FreedesktopNotifier(Notifications service) {
        this.service = service;
    }

    /** A notifier for this desktop session, or empty where there is no session bus. */
    public static Optional<FreedesktopNotifier> forThisSession() {
        return SessionBus.shared().flatMap(FreedesktopNotifier::on);
    }

    /** A notifier on a bus connection, listening for our notifications' actions; empty if it cannot listen. */
    public static Optional<FreedesktopNotifier> on(DBusConnection bus) {
        try {
            FreedesktopNotifier n = new FreedesktopNotifier(
                    bus.getRemoteObject(Notifications.BUS_NAME, Notifications.PATH, Notifications.class));
            bus.addSigHandler(Notifications.ActionInvoked.class, s -> n.actionInvoked(s.id.longValue(), s.actionKey));
            bus.addSigHandler(Notifications.NotificationClosed.class, s -> n.closed(s.id.longValue()));
            return Optional.of(n);
        } catch (Exception e) {
            System.err.println("captivewatch: no desktop notifications (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /**
     * Shows a notification, replacing this notifier's previous one. Blocks for at most {@link SessionBus#CALL_LIMIT}.
     *
     * @return true when the notification service accepted it
     */
    public boolean send(String title, String body) {
        return send(title, body, null, null);
    }

    /**
     * The same with an action: a button {@code actionLabel} (and a click on the notification) runs {@code action},
     * at most once, on a thread of its own; a "Not now" button dismisses it. Where the service shows no actions
     * ({@link #supportsActions()} false) it is sent as a plain notification.
     */
    public boolean send(String title, String body, String actionLabel, Runnable action) {
        boolean withAction = action != null && actionLabel != null && supportsActions();
        try {
            long previous = lastId;
            UInt32 id = service.Notify(io.captivewatch.core.i18n.Messages.t("app.name"), new UInt32(previous), ICON, title, markupEscape(body),
                    withAction ? actions(actionLabel) : List.of(), hints(), EXPIRE_MS);
            if (id == null) return false;
            pending.remove(previous); // replaced: its action is moot
            lastId = id.longValue();
            if (withAction) pending.put(lastId, action);
            else pending.remove(lastId);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether the service shows action buttons (its capabilities include "actions"); asked once. */
    public boolean supportsActions() {
        Boolean a = actions;
        if (a == null) {
            try {
                a = service.GetCapabilities().contains("actions");
            } catch (RuntimeException e) {
                return false; // ask again next time: the daemon may not be up yet
            }
            actions = a;
        }
        return a;
    }

    /** The action list: key/label pairs. */
    static List<String> actions(String actionLabel) {
        return List.of(DEFAULT_KEY, actionLabel, ACTION_KEY, actionLabel, NOT_NOW_KEY, io.captivewatch.core.i18n.Messages.t(NOT_NOW));
    }

    private static Map<String, Variant<?>> hints() {
        Map<String, Variant<?>> h = new LinkedHashMap<>();
        h.put("desktop-entry", new Variant<>(DESKTOP_ENTRY));
        h.put("urgency", new Variant<>((byte) 1));
        return h;
    }

    /** {@code ActionInvoked} from the daemon: runs our action for {@code id}, once; other clients' ids are ignored. */
    void actionInvoked(long id, String key) {
        if (NOT_NOW_KEY.equals(key)) {
            pending.remove(id);
            return;
        }
        if (!ACTION_KEY.equals(key) && !DEFAULT_KEY.equals(key)) return;
        Runnable a = pending.remove(id);
        if (a != null) runner.execute(a);
    }

    /** {@code NotificationClosed}: the notification is gone, its action with it. */
    void closed(long id) {
        pending.remove(id);
    }

    /** Ids of notifications whose action may still run (tests). */
    List<Long> pendingIds() {
        return new ArrayList<>(pending.keySet());
    }

    /** Escapes the characters the notification body markup gives meaning to. */
    static String markupEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
