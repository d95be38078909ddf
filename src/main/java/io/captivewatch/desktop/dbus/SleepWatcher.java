package io.captivewatch.desktop.dbus;

import io.captivewatch.core.advice.Os;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.messages.MethodCall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tells the app when the computer wakes from suspend (issue #17 item 4), from systemd-logind on the system bus: its
 * {@code org.freedesktop.login1.Manager.PrepareForSleep(false)}, sent right after resume. The app then checks at once
 * ({@code Monitor.wokeUp}) instead of waiting for its timer or for the network watcher to notice a change.
 * No system bus, or no logind on it (non-systemd systems, macOS, Windows): nothing, said once on stderr.
 * Only a signal from the owner of {@code org.freedesktop.login1} counts; a forged one could at worst cause a check.
 */
public final class SleepWatcher implements AutoCloseable {
    /** The system bus address to use instead of the real one (tests, the bench): a D-Bus address such as {@code unix:path=...}. */
    public static final String ADDRESS_PROPERTY = "captivewatch.systemBus";
    static final String LOGIN1 = "org.freedesktop.login1";
    static final String LOGIN1_PATH = "/org/freedesktop/login1";
    private static final String DEFAULT_SYSTEM_BUS = "/var/run/dbus/system_bus_socket";

    /** What we read of {@code org.freedesktop.login1.Manager}: the one signal. */
    @DBusInterfaceName("org.freedesktop.login1.Manager")
    public interface Login1Manager extends DBusInterface {
        /** {@code start} true: about to suspend or hibernate; false: woken up. */
        class PrepareForSleep extends DBusSignal {
            public final boolean start;

            public PrepareForSleep(String path, boolean start) throws DBusException {
                super(path, start);
                this.start = start;
            }
        }
    }

    private final DBusConnection bus;
    private final AutoCloseable subscription;

    private SleepWatcher(DBusConnection bus, AutoCloseable subscription) {
        this.bus = bus;
        this.subscription = subscription;
    }

    /**
     * Watches the system bus ({@value #ADDRESS_PROPERTY} when set, else {@code DBUS_SYSTEM_BUS_ADDRESS}, else the
     * standard socket): {@code onWake} runs on a dbus-java thread after each resume. Empty (said once on stderr) when
     * there is no system bus or no logind on it.
     */
    public static Optional<SleepWatcher> system(Runnable onWake, Consumer<String> log) {
        if (Os.current() != Os.LINUX) return Optional.empty(); // not built there (docs/BENCHMARKS.md)
        Optional<String> address = address(System.getProperty(ADDRESS_PROPERTY), System.getenv());
        if (address.isEmpty()) {
            System.err.println("captivewatch: no system bus: no re-check on waking from suspend");
            return Optional.empty();
        }
        return start(address.get(), onWake, log);
    }

    /** Watches the bus at {@code address}; see {@link #system}. {@code log} hears of every PrepareForSleep (debug log). */
    public static Optional<SleepWatcher> start(String address, Runnable onWake, Consumer<String> log) {
        MethodCall.setDefaultTimeout(SessionBus.CALL_LIMIT.toMillis());
        if (address.startsWith("unix:path=") && !Files.exists(Path.of(address.substring(10).split(",", 2)[0]))) {
            // dbus-java retries a missing socket for ~10 s before it gives up
            System.err.println("captivewatch: no system bus at " + address + ": no re-check on waking from suspend");
            return Optional.empty();
        }
        DBusConnection bus;
        try {
            bus = SessionBus.open(address); // one thread per receiving pool, as the session bus
        } catch (Exception | LinkageError e) {
            System.err.println("captivewatch: no system bus (" + e.getMessage() + "): no re-check on waking from suspend");
            return Optional.empty();
        }
        try {
            if (!SessionBus.hasOwner(bus, LOGIN1)) {
                System.err.println("captivewatch: no logind on the system bus: no re-check on waking from suspend");
                bus.close();
                return Optional.empty();
            }
            // dbus-java filters by unique names only: the sender is compared with logind's owner when a signal comes
            AutoCloseable sub = bus.addSigHandler(Login1Manager.PrepareForSleep.class, s -> {
                if (!LOGIN1_PATH.equals(s.getPath())) return;
                String owner = owner(bus);
                if (s.getSource() == null || !s.getSource().equals(owner)) {
                    log.accept("sleep: ignored PrepareForSleep from " + s.getSource() + ", not logind (" + owner + ")");
                } else if (s.start) {
                    log.accept("sleep: going to sleep");
                } else {
                    log.accept("sleep: woke up, checking");
                    onWake.run();
                }
            });
            return Optional.of(new SleepWatcher(bus, sub));
        } catch (Exception e) {
            System.err.println("captivewatch: cannot watch logind (" + e.getMessage() + "): no re-check on waking from suspend");
            try {
                bus.close();
            } catch (Exception ignored) {
                // closing what never worked
            }
            return Optional.empty();
        }
    }

    /** The unique name that owns {@code org.freedesktop.login1} now (null when asking fails). */
    private static String owner(DBusConnection bus) {
        return SessionBus.nameOwner(bus, LOGIN1).orElse(null);
    }

    /** Starts {@link #system} on a thread of its own (connecting must not delay the tray); {@code found} gets the watcher. */
    public static void startInBackground(Runnable onWake, Consumer<String> log, Consumer<SleepWatcher> found) {
        Thread t = new Thread(() -> system(onWake, log).ifPresent(found), "captivewatch-sleep-watch");
        t.setDaemon(true);
        t.start();
    }

    /** The system bus address: the override, else {@code DBUS_SYSTEM_BUS_ADDRESS}, else the standard socket if it exists. */
    static Optional<String> address(String override, Map<String, String> env) {
        if (override != null && !override.isBlank()) return Optional.of(override.strip());
        String a = env.get("DBUS_SYSTEM_BUS_ADDRESS");
        if (a != null && !a.isBlank()) return Optional.of(a.strip());
        return Files.exists(Path.of(DEFAULT_SYSTEM_BUS)) ? Optional.of("unix:path=" + DEFAULT_SYSTEM_BUS) : Optional.empty();
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception ignored) {
            // the connection goes anyway
        }
        try {
            bus.close();
        } catch (Exception ignored) {
            // already gone
        }
    }
}
