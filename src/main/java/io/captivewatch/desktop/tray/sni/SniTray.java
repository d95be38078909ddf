package io.captivewatch.desktop.tray.sni;

import io.captivewatch.desktop.dbus.SessionBus;

import io.captivewatch.desktop.tray.FreedesktopNotifier;
import io.captivewatch.desktop.tray.OfferedAction;
import io.captivewatch.desktop.tray.TrayActions;
import io.captivewatch.desktop.tray.TrayMenuModel;
import io.captivewatch.desktop.tray.TrayStatus;
import io.captivewatch.desktop.tray.TrayUi;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tray icon as a StatusNotifierItem with a dbusmenu menu, over the session bus: what KDE Plasma, Ubuntu's
 * GNOME, Xfce, Cinnamon, MATE, Budgie, LXQt and waybar show natively (crisp pixmaps at every size, the desktop's
 * own menu, left click = the main action). Chosen whenever a {@code org.kde.StatusNotifierWatcher} is on the bus;
 * needs neither AWT's toolkit nor JavaFX. State changes are pushed as {@code NewIcon}, {@code NewToolTip},
 * {@code NewStatus} and dbusmenu {@code ItemsPropertiesUpdated}/{@code LayoutUpdated} signals. Notifications go
 * over the same connection with action buttons ({@link FreedesktopNotifier}). Menu actions run on the tray's own
 * thread ({@code captivewatch-sni}), one at a time.
 */
public final class SniTray implements TrayUi {
    public static final String ITEM_PATH = "/StatusNotifierItem";
    public static final String MENU_PATH = "/MenuBar";
    static final String ITEM_INTERFACE = "org.kde.StatusNotifierItem";
    static final String MENU_INTERFACE = "com.canonical.dbusmenu";
    static final String PIXMAPS = "a(iiay)";
    static final String TOOLTIP = "(sa(iiay)ss)";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    static final int REREGISTER_ATTEMPTS = 20;
    static final java.time.Duration REREGISTER_SPACING = java.time.Duration.ofMillis(250);

    private final DBusConnection bus;
    private final String busName;
    private final TrayActions actions;
    /**
     * The tray's thread: menu actions, signals, the tooltip refresh. Not a daemon: it is what keeps the app running
     * (AWT's and JavaFX's threads do that for the other trays; dbus-java's are daemons) until {@link #close}.
     */
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "captivewatch-sni"));
    private final AtomicReference<TrayStatus> status = new AtomicReference<>(TrayStatus.initial());
    /** The action the latest notification offered (a left click on the icon runs it while it is the latest). */
    private final OfferedAction offered = new OfferedAction();
    private final Pixmaps pixmaps = new Pixmaps();
    /**
     * The desktop's notifications on the same bus, looked up at the first notification (on {@link #thread}): its
     * proxy and signal subscriptions are not worth delaying the icon for.
     */
    private Optional<FreedesktopNotifier> notifier;
    private final ItemObject item = new ItemObject(status::get, pixmaps, () -> execute(this::activate));
    private final AtomicLong revision = new AtomicLong(1);
    private final MenuObject menu = new MenuObject(status::get, () -> this.tree, revision::get, this::clicked);
    private final List<AutoCloseable> handlers = new ArrayList<>();
    /** What the host was last told (touched only on {@link #thread}). */
    private volatile MenuTree.Node tree = MenuTree.root(TrayStatus.initial());
    private TrayStatus shown = TrayStatus.initial();
    private volatile boolean closed;

    private SniTray(DBusConnection bus, TrayActions actions) {
        this.bus = bus;
        this.actions = actions;
        this.busName = "org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
    }

    /** The tray on this session's bus, or empty when there is no bus or no StatusNotifierWatcher on it. */
    public static Optional<SniTray> install(TrayActions actions) {
        return SessionBus.shared().flatMap(bus -> install(bus, actions));
    }

    /** The tray on {@code bus}, or empty when no StatusNotifierWatcher is there or registering fails (said on stderr). */
    public static Optional<SniTray> install(DBusConnection bus, TrayActions actions) {
        if (!SessionBus.hasOwner(bus, StatusNotifierWatcher.BUS_NAME)) return Optional.empty();
        SniTray t = new SniTray(bus, actions);
        try {
            bus.exportObject(ITEM_PATH, t.item);
            bus.exportObject(MENU_PATH, t.menu);
            bus.requestBusName(t.busName);
            // a panel that restarts brings a new watcher: register with it again
            t.handlers.add(bus.addSigHandler(DBus.NameOwnerChanged.class, s -> {
                if (StatusNotifierWatcher.BUS_NAME.equals(s.name) && !s.newOwner.isEmpty() && !t.closed) {
                    t.execute(() -> t.registerAgain(1));
                }
            }));
            t.register();
        } catch (DBusException | RuntimeException e) {
            System.err.println("captivewatch: no StatusNotifierItem tray (" + e.getMessage() + ")");
            t.close();
            return Optional.empty();
        }
        t.thread.scheduleWithFixedDelay(t::refreshSession, 30, 30, TimeUnit.SECONDS);
        return Optional.of(t);
    }

    /** The bus name the item is registered under ({@code org.kde.StatusNotifierItem-PID-N}). */
    public String busName() {
        return busName;
    }

    private void register() throws DBusException {
        bus.getRemoteObject(StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.PATH, StatusNotifierWatcher.class)
                .RegisterStatusNotifierItem(busName);
    }

    /**
     * Registers with a watcher that just appeared. It owns its name a moment before it serves its object, so a
     * failed attempt is retried, {@link #REREGISTER_ATTEMPTS} times at most, {@link #REREGISTER_SPACING} apart.
     */
    private void registerAgain(int attempt) {
        if (closed) return;
        try {
            register();
        } catch (RuntimeException | DBusException e) {
            if (attempt < REREGISTER_ATTEMPTS) {
                try {
                    thread.schedule(() -> registerAgain(attempt + 1), REREGISTER_SPACING.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // closed meanwhile
                }
            } else {
                System.err.println("captivewatch: registering the tray icon with the new watcher failed: " + e);
            }
        }
    }

    @Override
    public void setState(TrayStatus s) {
        status.set(s);
        if (!s.hasSession()) offered.clear(); // a session offer ("Sign in again") is moot once the session is gone
        execute(this::push);
    }

    /** Tells the host what changed since it was last told: icon, status, tooltip, menu items. */
    private void push() {
        TrayStatus s = status.get();
        TrayStatus before = shown;
        shown = s;
        if (s.state() != before.state()) {
            signal(() -> new StatusNotifierItem.NewIcon(ITEM_PATH));
            signal(() -> new StatusNotifierItem.NewAttentionIcon(ITEM_PATH));
        }
        if (!ItemObject.itemStatus(s).equals(ItemObject.itemStatus(before))) {
            signal(() -> new StatusNotifierItem.NewStatus(ITEM_PATH, ItemObject.itemStatus(s)));
        }
        if (!ItemObject.description(s, Instant.now()).equals(ItemObject.description(before, Instant.now()))) {
            signal(() -> new StatusNotifierItem.NewToolTip(ITEM_PATH));
        }
        MenuTree.Node now = MenuTree.root(s);
        Map<Integer, Map<String, Object>> changes = MenuTree.changes(tree, now);
        if (changes.isEmpty()) return;
        tree = now;
        long rev = revision.incrementAndGet();
        List<DBusMenu.ItemProperties> updated = new ArrayList<>();
        changes.forEach((id, props) -> updated.add(new DBusMenu.ItemProperties(id, MenuTree.variants(props, Set.of()))));
        signal(() -> new DBusMenu.ItemsPropertiesUpdated(MENU_PATH, updated, List.of()));
        signal(() -> new DBusMenu.LayoutUpdated(MENU_PATH, new UInt32(rev), MenuTree.ROOT));
    }

    private void refreshSession() {
        if (status.get().hasSession()) signal(() -> new StatusNotifierItem.NewToolTip(ITEM_PATH));
    }

    @FunctionalInterface
    private interface SignalMaker {
        DBusSignal make() throws DBusException;
    }

    private void signal(SignalMaker m) {
        if (closed) return;
        try {
            bus.sendMessage(m.make());
        } catch (DBusException | RuntimeException e) {
            System.err.println("captivewatch: tray signal failed: " + e.getMessage());
        }
    }

    /** Left click: the offered action, else sign in when a portal waits, else the details. */
    void activate() {
        OfferedAction.activate(offered, status::get, actions);
    }

    /** A menu click from the host: the item's action, if the item exists and is enabled now. */
    boolean clicked(int id) {
        Optional<TrayMenuModel.Item> it = MenuTree.item(id);
        if (it.isEmpty()) return false;
        if (TrayMenuModel.entry(status.get(), it.get()).enabled()) execute(() -> actions.perform(it.get()));
        return true;
    }

    /** The notifier, looked up once, on {@link #thread}. */
    private Optional<FreedesktopNotifier> notifier() {
        if (notifier == null) notifier = FreedesktopNotifier.on(bus);
        return notifier;
    }

    private void execute(Runnable r) {
        if (closed) return;
        try {
            thread.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    @Override
    public void notify(String title, String message) {
        execute(() -> {
            Optional<FreedesktopNotifier> n = notifier();
            if (n.isEmpty() || !n.get().send(title, message)) {
                System.err.println("captivewatch: " + title + ": " + message);
            }
        });
    }

    @Override
    public void notify(String title, String message, String actionLabel, Runnable action) {
        Runnable fromButton = offered.offer(action);
        execute(() -> {
            boolean sent = OfferedAction.send(notifier(), title, message, actionLabel, fromButton,
                    io.captivewatch.core.i18n.Messages.t("tray.notify.sniClick", message, actionLabel));
            if (!sent) System.err.println("captivewatch: " + title + ": " + message);
        });
    }

    @Override
    public TrayStatus status() {
        return status.get();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        offered.clear();
        thread.shutdownNow();
        for (AutoCloseable h : handlers) {
            try {
                h.close();
            } catch (Exception e) {
                // the connection is going away anyway
            }
        }
        try {
            bus.releaseBusName(busName);
        } catch (DBusException | RuntimeException e) {
            // not ours (yet), or the bus is gone
        }
        bus.unExportObject(ITEM_PATH);
        bus.unExportObject(MENU_PATH);
    }

    /** A property of {@code all} for a D-Bus Properties.Get on {@code iface} (empty = any). */
    @SuppressWarnings("unchecked")
    static <A> A property(Map<String, Variant<?>> all, String iface, String expected, String name) {
        if (!iface.isEmpty() && !iface.equals(expected)) throw new DBusExecutionException("No such interface: " + iface);
        Variant<?> v = all.get(name);
        if (v == null) throw new DBusExecutionException("No such property: " + name);
        return (A) v;
    }
}
