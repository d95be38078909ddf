package io.captivewatch.desktop.tray;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.captivewatch.core.os.CommandRunner;
import io.captivewatch.testing.Await;
import io.captivewatch.testing.Requirements;
import io.captivewatch.testing.XDisplay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our Notify calls against a real notification daemon (dunst) on a private session bus and Xvfb display:
 * hostile text arrives intact, and a second notice replaces the first instead of stacking. Sent over our own D-Bus
 * connection (dbus-java), no gdbus subprocess; gdbus and dunstctl only look.
 */
class FreedesktopNotifierSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private XDisplay x;
    private Process bus;
    private Process dunst;
    private String address;
    private org.freedesktop.dbus.connections.impl.DBusConnection conn;

    @AfterEach
    void tearDown() throws Exception {
        if (conn != null) conn.close();
        for (Process p : new Process[] {dunst, bus}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
        if (x != null) x.close();
    }

    @Test
    void aNotificationReachesTheDaemonIntactAndTheNextReplacesIt() throws Exception {
        Requirements.requireCommands("Xvfb", "xdotool", "dbus-daemon", "dunst", "dunstctl", "gdbus");
        x = XDisplay.start();
        bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8));
        address = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(address).as("session bus address").startsWith("unix:");
        ProcessBuilder pb = x.env(new ProcessBuilder("dunst")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
        dunst = pb.start();
        CommandRunner onBus = onOurBus();
        Await.until("dunst owns org.freedesktop.Notifications", () -> onBus.run(List.of("gdbus", "call", "--session",
                "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
                "--method", "org.freedesktop.DBus.NameHasOwner", "org.freedesktop.Notifications"), WAIT).stdout().contains("true"), WAIT);

        conn = io.captivewatch.desktop.dbus.SessionBus.connect(address).orElseThrow();
        FreedesktopNotifier n = FreedesktopNotifier.on(conn).orElseThrow();
        String hostile = "Joe's <b>Café</b> & \"Bar\" \\ wants you to sign in.\nOpening its login page…";
        assertThat(n.send("Sign-in required", hostile)).isTrue();
        assertThat(n.send("Sign-in required", "second")).isTrue();
        assertThat(onBus.run(List.of("dunstctl", "count", "displayed"), WAIT).stdout().strip())
                .as("the second replaced the first").isEqualTo("1");

        assertThat(onBus.run(List.of("dunstctl", "close-all"), WAIT).ok()).isTrue();
        assertThat(bodies(onBus)).as("only the replacement is left").containsExactly("second");

        // the hostile text on its own: every character arrives, with the markup escaped
        assertThat(n.send("Sign-in required", hostile)).isTrue();
        assertThat(onBus.run(List.of("dunstctl", "close-all"), WAIT).ok()).isTrue();
        assertThat(bodies(onBus)).contains(FreedesktopNotifier.markupEscape(hostile));
    }

    /** The bodies in dunst's history (closed notifications), checking each is ours. */
    private static List<String> bodies(CommandRunner onBus) {
        String history = onBus.run(List.of("dunstctl", "history"), WAIT).stdout();
        List<String> bodies = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(history).getAsJsonObject().getAsJsonArray("data").get(0).getAsJsonArray()) {
            var o = e.getAsJsonObject();
            assertThat(o.getAsJsonObject("summary").get("data").getAsString()).isEqualTo("Sign-in required");
            assertThat(o.getAsJsonObject("appname").get("data").getAsString()).isEqualTo("CaptiveWatch");
            bodies.add(o.getAsJsonObject("body").get("data").getAsString());
        }
        return bodies;
    }

    /** The system runner with our private bus as the session bus. */
    private CommandRunner onOurBus() {
        CommandRunner system = CommandRunner.system();
        return (command, timeout) -> {
            List<String> cmd = new ArrayList<>(List.of("env", "DBUS_SESSION_BUS_ADDRESS=" + address, "DISPLAY=" + x.name));
            cmd.addAll(command);
            return system.run(cmd, timeout);
        };
    }
}
