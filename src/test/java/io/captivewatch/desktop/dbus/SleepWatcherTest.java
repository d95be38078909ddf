package io.captivewatch.desktop.dbus;

import io.captivewatch.testing.Await;
import io.captivewatch.testing.Requirements;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17 item 4 over real D-Bus: a private {@code dbus-daemon} stands in for the system bus and this test stands in
 * for systemd-logind (it owns {@code org.freedesktop.login1} and emits {@code PrepareForSleep} from
 * {@code /org/freedesktop/login1}). Real logind is not involved: suspending this machine is not something a test does.
 */
class SleepWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<AutoCloseable> closers = new ArrayList<>();
    private Process daemon;

    /** The stand-in logind's exported object: the Manager interface, nothing but its signal. */
    static final class FakeLogind implements SleepWatcher.Login1Manager {
        @Override
        public String getObjectPath() {
            return SleepWatcher.LOGIN1_PATH;
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closers.size() - 1; i >= 0; i--) closers.get(i).close();
        System.clearProperty(SleepWatcher.ADDRESS_PROPERTY);
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(5, TimeUnit.SECONDS)) daemon.destroyForcibly();
        }
    }

    @Test
    void wakingFromSuspendAsksForACheckAndOnlyLogindIsBelieved(@TempDir Path dir) throws Exception {
        String address = startBus(dir);
        DBusConnection logind = connect(address);
        logind.requestBusName(SleepWatcher.LOGIN1);
        logind.exportObject(SleepWatcher.LOGIN1_PATH, new FakeLogind());

        AtomicInteger wakes = new AtomicInteger();
        List<String> log = new CopyOnWriteArrayList<>();
        System.setProperty(SleepWatcher.ADDRESS_PROPERTY, address); // as the app finds its system bus
        SleepWatcher watcher = SleepWatcher.system(wakes::incrementAndGet, log::add).orElseThrow();
        closers.add(watcher);

        // another program on the bus forges a wake-up: not logind, so not believed
        DBusConnection intruder = connect(address);
        intruder.sendMessage(new SleepWatcher.Login1Manager.PrepareForSleep(SleepWatcher.LOGIN1_PATH, false));
        Await.until("the forged signal was judged", () -> log.size() >= 1, WAIT);
        assertThat(log.get(0)).startsWith("sleep: ignored PrepareForSleep from " + intruder.getUniqueName() + ", not logind");
        assertThat(wakes).hasValue(0);

        // suspend, then resume
        logind.sendMessage(new SleepWatcher.Login1Manager.PrepareForSleep(SleepWatcher.LOGIN1_PATH, true));
        Await.until("going to sleep was heard", () -> log.size() >= 2, WAIT);
        assertThat(wakes).as("nothing on going to sleep").hasValue(0);
        logind.sendMessage(new SleepWatcher.Login1Manager.PrepareForSleep(SleepWatcher.LOGIN1_PATH, false));
        Await.until("the wake-up asked for a check", () -> wakes.get() >= 1, WAIT);
        assertThat(log).containsExactly(log.get(0), "sleep: going to sleep", "sleep: woke up, checking");
        assertThat(wakes).as("one check per wake-up").hasValue(1);
    }

    @Test
    void noLogindOnTheBusMeansNoWatcher(@TempDir Path dir) throws Exception {
        String address = startBus(dir);
        Optional<SleepWatcher> w = SleepWatcher.start(address, () -> { }, m -> { });
        w.ifPresent(closers::add);
        assertThat(w).isEmpty();
        assertThat(SleepWatcher.start("unix:path=" + dir.resolve("nobody-here"), () -> { }, m -> { })).isEmpty();
    }

    @Test
    void theSystemBusIsTheOverrideThenTheEnvironment() {
        assertThat(SleepWatcher.address("unix:path=/tmp/x", Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/y"))).hasValue("unix:path=/tmp/x");
        assertThat(SleepWatcher.address(null, Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/y"))).hasValue("unix:path=/y");
    }

    private DBusConnection connect(String address) {
        DBusConnection c = SessionBus.connect(address).orElseThrow();
        closers.add(c);
        return c;
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
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(a).as("bus address").startsWith("unix:");
        return a.strip();
    }
}
