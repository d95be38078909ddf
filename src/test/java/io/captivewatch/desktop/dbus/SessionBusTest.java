package io.captivewatch.desktop.dbus;

import io.captivewatch.testing.Requirements;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SessionBusTest {
    private final List<AutoCloseable> closers = new ArrayList<>();
    private Process daemon;

    /** An object the app side exports; each call notes which dbus-java thread ran it. */
    @DBusInterfaceName("io.captivewatch.test.Counter")
    public interface Counter extends DBusInterface {
        int next();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closers.size() - 1; i >= 0; i--) closers.get(i).close();
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) daemon.destroyForcibly();
        }
    }

    @Test
    void theSessionBusIsFoundByAddressOrByTheRuntimeSocket(@TempDir Path dir) throws Exception {
        assertThat(SessionBus.address(Map.of())).isEmpty();
        assertThat(SessionBus.address(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"))).hasValue("unix:path=/run/user/1000/bus");
        assertThat(SessionBus.address(Map.of("XDG_RUNTIME_DIR", dir.toString()))).isEmpty();
        Files.createFile(dir.resolve("bus"));
        assertThat(SessionBus.address(Map.of("XDG_RUNTIME_DIR", dir.toString()))).hasValue("unix:path=" + dir.resolve("bus"));
    }

    /**
     * Issue #17 item 3: a connection keeps one thread for incoming method calls (dbus-java's default pool grows to 4,
     * a new thread for each of the first four calls even when they come one after another).
     */
    @Test
    void incomingMethodCallsShareOneThread(@TempDir Path dir) throws Exception {
        String address = startBus(dir);
        DBusConnection app = SessionBus.connect(address).orElseThrow();
        closers.add(app);
        Set<Thread> threads = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        app.exportObject("/counter", new Counter() {
            private int n;

            @Override
            public int next() {
                threads.add(Thread.currentThread());
                return ++n;
            }

            @Override
            public String getObjectPath() {
                return "/counter";
            }
        });
        DBusConnection host = SessionBus.connect(address).orElseThrow();
        closers.add(host);
        Counter remote = host.getRemoteObject(app.getUniqueName(), "/counter", Counter.class);
        for (int i = 1; i <= 6; i++) assertThat(remote.next()).isEqualTo(i);
        assertThat(threads).as("threads that ran the calls").hasSize(1);
    }

    private String startBus(Path dir) throws Exception {
        Requirements.requireCommands("dbus-daemon");
        daemon = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--address=unix:path=" + dir.resolve("bus"),
                "--print-address=1").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        String a = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(a).as("bus address").startsWith("unix:");
        return a.strip();
    }
}
