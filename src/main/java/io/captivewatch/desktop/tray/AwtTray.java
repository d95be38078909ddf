package io.captivewatch.desktop.tray;

import io.captivewatch.desktop.icons.IconPainter;
import io.captivewatch.desktop.icons.StatusIcon;

import java.awt.AWTException;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.Image;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tray icon through {@link java.awt.SystemTray} (XEmbed tray hosts on Linux, Windows, macOS):
 * one painted icon per state at the host's icon size, a tooltip with state, network and last check
 * time, and a popup menu rendered from {@link TrayMenuModel}, every word through {@link TrayText} (the app's language). Notifications go to the desktop's own
 * notification service where there is one ({@link FreedesktopNotifier}, with an action button where it shows them),
 * else to {@link TrayIcon#displayMessage}. The fallback where no StatusNotifierItem host is ({@code sni.SniTray}).
 * Menu actions run on the AWT event thread.
 */
public final class AwtTray implements TrayUi {
    private final SystemTray tray;
    private final TrayIcon icon;
    private final Map<TrayMenuModel.Item, MenuItem> items = new EnumMap<>(TrayMenuModel.Item.class);
    /** Each state's icon at the host's size, painted when first shown (only "checking" before the icon appears). */
    private final Map<StatusIcon, Image> images = new EnumMap<>(StatusIcon.class);
    private final int size;
    private final AtomicReference<TrayStatus> status = new AtomicReference<>(TrayStatus.initial());
    private final ZoneId zone = ZoneId.systemDefault();
    /** The tray's words, in the language the app speaks (chosen at start). */
    private final TrayText words = TrayText.current();
    /** The action the latest notification offered (clicking the balloon or double-clicking the icon runs it). */
    private final OfferedAction offered = new OfferedAction();
    /** Keeps "Session: N min left" in the tooltip current between checks. */
    private final javax.swing.Timer tooltipRefresh;
    private volatile boolean closed;
    /**
     * Native notifications (Linux desktops); empty: AWT's balloon. Looked up on the notification thread at the first
     * notification, so connecting to the session bus never delays the icon.
     */
    private Optional<FreedesktopNotifier> notifier;
    /** Sends native notifications one at a time, off the monitor thread (each is a bounded D-Bus call). */
    private final java.util.concurrent.ExecutorService notifications = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "captivewatch-notify");
        t.setDaemon(true);
        return t;
    });

    private AwtTray(SystemTray tray, TrayActions actions) throws AWTException {
        this.tray = tray;
        Dimension d = tray.getTrayIconSize();
        this.size = Math.max(16, Math.min(d.width, d.height));
        PopupMenu menu = new PopupMenu();
        for (TrayMenuModel.Entry e : menu(words, status.get())) {
            MenuItem mi = new MenuItem(e.label());
            mi.setName(e.item().id());
            TrayMenuModel.Item item = e.item();
            mi.addActionListener(ev -> actions.perform(item));
            items.put(item, mi);
            menu.add(mi);
            if (item == TrayMenuModel.Item.DETAILS || item == TrayMenuModel.Item.SETTINGS) menu.addSeparator();
        }
        icon = new TrayIcon(image(StatusIcon.CHECKING), io.captivewatch.core.i18n.Messages.t("app.name"), menu);
        icon.setImageAutoSize(false);
        // Double-click (or a click on a notification, where the platform reports it) means "what's up?":
        // sign in when a portal waits, else show details.
        icon.addActionListener(ev -> OfferedAction.activate(offered, status::get, actions));
        apply(status.get());
        tray.add(icon);
        tooltipRefresh = new javax.swing.Timer(30_000, ev -> {
            TrayStatus s = status.get();
            if (!closed && s.hasSession()) icon.setToolTip(words.tooltip(s, zone, java.time.Instant.now()));
        });
        tooltipRefresh.start();
    }

    /** The popup menu's entries for a status, labelled by {@code words} (AWT menus cannot be built headless: tests read this). */
    public static java.util.List<TrayMenuModel.Entry> menu(TrayText words, TrayStatus s) {
        return words.entries(s);
    }

    /** The balloon's text for a notification with an action, which the balloon or the icon runs. */
    public static String withClick(String message, String actionLabel) {
        return io.captivewatch.core.i18n.Messages.t("tray.notify.withClick", message, actionLabel);
    }

    /**
     * Starts AWT's toolkit on a thread of its own and asks whether there is a system tray, so that work overlaps with
     * looking for a StatusNotifierWatcher on the session bus (done first: the tray to prefer). Costs no measurable
     * memory when the SNI tray wins (the X11 toolkit without windows).
     */
    public static void warmUp() {
        if (java.awt.GraphicsEnvironment.isHeadless()) return;
        Thread t = new Thread(() -> {
            try {
                SystemTray.isSupported();
            } catch (RuntimeException | LinkageError e) {
                // install() will find out and say so
            }
        }, "captivewatch-awt-warmup");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Installs the tray icon, or returns empty when this desktop has no system tray (then use
     * {@link StatusWindowTray}). Must not be called on the FX thread while AWT is busy; any thread is fine otherwise.
     */
    public static Optional<AwtTray> install(TrayActions actions) {
        if (java.awt.GraphicsEnvironment.isHeadless() || !SystemTray.isSupported()) return Optional.empty();
        AtomicReference<AwtTray> out = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            EventQueue.invokeAndWait(() -> {
                try {
                    out.set(new AwtTray(SystemTray.getSystemTray(), actions));
                } catch (AWTException | RuntimeException e) {
                    failure.set(e);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.lang.reflect.InvocationTargetException e) {
            failure.set(e);
        }
        if (failure.get() != null) {
            System.err.println("captivewatch: no tray icon (" + failure.get() + "); using a status window");
            return Optional.empty();
        }
        return Optional.ofNullable(out.get());
    }

    @Override
    public void setState(TrayStatus s) {
        status.set(s);
        if (!s.hasSession()) offered.clear(); // a session offer ("Sign in again") is moot once the session is gone
        EventQueue.invokeLater(() -> apply(s));
    }

    /** The icon for a state, painted on first use. AWT event thread (or the constructor, before the icon is added). */
    private Image image(StatusIcon state) {
        return images.computeIfAbsent(state, st -> IconPainter.paint(st, size));
    }

    private void apply(TrayStatus s) {
        if (closed) return;
        icon.setImage(image(s.state()));
        icon.setToolTip(words.tooltip(s, zone, java.time.Instant.now()));
        for (TrayMenuModel.Entry e : menu(words, s)) {
            MenuItem mi = items.get(e.item());
            if (!mi.getLabel().equals(e.label())) mi.setLabel(e.label());
            mi.setEnabled(e.enabled());
        }
    }

    @Override
    public void notify(String title, String message) {
        deliver(title, message);
    }

    @Override
    public void notify(String title, String message, String actionLabel, Runnable action) {
        Runnable fromButton = offered.offer(action);
        String balloonText = withClick(message, actionLabel);
        onNotificationThread(() -> {
            // a real button where the notification service shows actions; else the text says how to act
            boolean sent = OfferedAction.send(notifier(), title, message, actionLabel, fromButton,
                    io.captivewatch.core.i18n.Messages.t("tray.notify.withoutClick", message, actionLabel));
            if (!sent) balloon(title, balloonText);
        });
    }

    /**
     * The desktop's own notifications where there are some (off the caller's thread, in order), else, or when
     * they fail, AWT's balloon.
     */
    private void deliver(String title, String message) {
        onNotificationThread(() -> {
            Optional<FreedesktopNotifier> n = notifier();
            if (n.isEmpty() || !n.get().send(title, message)) balloon(title, message);
        });
    }

    private void onNotificationThread(Runnable r) {
        try {
            notifications.execute(() -> {
                if (!closed) r.run();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    /** The notifier, looked up once (on the notification thread). */
    private Optional<FreedesktopNotifier> notifier() {
        if (notifier == null) notifier = FreedesktopNotifier.forThisSession();
        return notifier;
    }

    private void balloon(String title, String message) {
        EventQueue.invokeLater(() -> {
            if (!closed) icon.displayMessage(title, message, TrayIcon.MessageType.INFO);
        });
    }

    @Override
    public TrayStatus status() {
        return status.get();
    }

    /** Removes the icon (do this before {@code Platform.exit()}, or the AWT thread keeps the JVM alive). */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        offered.clear();
        notifications.shutdownNow();
        Runnable remove = () -> {
            tooltipRefresh.stop();
            tray.remove(icon);
        };
        if (EventQueue.isDispatchThread()) {
            remove.run();
        } else {
            try {
                EventQueue.invokeAndWait(remove);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.lang.reflect.InvocationTargetException e) {
                System.err.println("captivewatch: removing the tray icon failed: " + e.getCause());
            }
        }
    }
}
