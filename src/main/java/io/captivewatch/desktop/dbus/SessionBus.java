package io.captivewatch.desktop.dbus;

import io.captivewatch.core.advice.Os;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.messages.MethodCall;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The desktop session's D-Bus, one connection per process (pure Java: dbus-java over the JDK's unix sockets),
 * shared by the StatusNotifierItem tray and the notifier. Opened on first use, so an app that never needs
 * it pays nothing; every call on it is bounded by {@link #CALL_LIMIT}.
 */
public final class SessionBus {
    /** How long one D-Bus call may take (D-Bus may start a notification daemon on the first Notify). */
    public static final Duration CALL_LIMIT = Duration.ofSeconds(5);
    /** Threads in each of dbus-java's receiving pools of a connection ({@link #open}). */
    static final int RECEIVING_THREADS = 1;
    private static final String DBUS_NAME = "org.freedesktop.DBus";
    private static final String DBUS_PATH = "/org/freedesktop/DBus";

    /** dbus-java's own log (through SLF4J to java.util.logging): warnings and worse only, held so the level sticks. */
    private static final java.util.logging.Logger DBUS_LOG = java.util.logging.Logger.getLogger("org.freedesktop.dbus");

    static {
        DBUS_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static DBusConnection shared;
    private static boolean tried;

    private SessionBus() {}

    /**
     * The session bus, or empty where there is none: not Linux/BSD, no {@code DBUS_SESSION_BUS_ADDRESS} and no
     * {@code $XDG_RUNTIME_DIR/bus}, or connecting failed (said once on stderr).
     */
    public static synchronized Optional<DBusConnection> shared() {
        if (!tried) {
            tried = true;
            if (Os.current() == Os.LINUX) {
                address(System.getenv()).ifPresent(a -> shared = connect(a).orElse(null));
            }
        }
        return Optional.ofNullable(shared).filter(DBusConnection::isConnected);
    }

    /**
     * Starts connecting on a thread of its own, so the connection (mostly dbus-java's class loading, 0.2-0.3 s on a
     * cold JVM) overlaps the app's other start-up work; {@link #shared()} then waits for it.
     */
    public static void connectInBackground() {
        Thread t = new Thread(SessionBus::shared, "captivewatch-dbus-connect");
        t.setDaemon(true);
        t.start();
    }

    /** A new private connection to the bus at {@code address} (tests; the app uses {@link #shared()}). */
    public static Optional<DBusConnection> connect(String address) {
        MethodCall.setDefaultTimeout(CALL_LIMIT.toMillis());
        try {
            return Optional.of(open(address));
        } catch (Exception | LinkageError e) {
            System.err.println("captivewatch: no session bus (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /**
     * A new private connection to {@code address} with one thread per dbus-java receiving pool (signals, incoming
     * method calls, method returns, errors; dbus-java's default allows 4 for incoming method calls). The app does
     * little D-Bus work: a few calls from a StatusNotifierItem host, a notification now and then, logind's signal.
     * Used for the session and the system bus alike (issue #17 item 3).
     */
    static DBusConnection open(String address) throws DBusException {
        return DBusConnectionBuilder.forAddress(address).withShared(false)
                .receivingThreadConfig()
                .withSignalThreadCount(RECEIVING_THREADS)
                .withMethodCallThreadCount(RECEIVING_THREADS)
                .withMethodReturnThreadCount(RECEIVING_THREADS)
                .withErrorHandlerThreadCount(RECEIVING_THREADS)
                .connectionConfig()
                .build();
    }

    /** The session bus address: {@code DBUS_SESSION_BUS_ADDRESS}, else the systemd user bus {@code $XDG_RUNTIME_DIR/bus}. */
    static Optional<String> address(Map<String, String> env) {
        String address = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) return Optional.of(address.strip());
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime == null || runtime.isBlank()) return Optional.empty();
        Path bus = Path.of(runtime, "bus");
        return Files.exists(bus) ? Optional.of("unix:path=" + bus) : Optional.empty();
    }

    /** Whether some connection on the bus owns {@code name} (false when asking fails). */
    public static boolean hasOwner(DBusConnection bus, String name) {
        try {
            return bus.getRemoteObject(DBUS_NAME, DBUS_PATH, DBus.class).NameHasOwner(name);
        } catch (Exception e) {
            return false;
        }
    }

    /** The unique name of the connection that owns {@code name} now, empty when none does or asking fails. */
    public static Optional<String> nameOwner(DBusConnection bus, String name) {
        try {
            return Optional.ofNullable(bus.getRemoteObject(DBUS_NAME, DBUS_PATH, DBus.class).GetNameOwner(name));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
