package io.captivewatch.desktop.tray;

import io.captivewatch.core.os.CommandRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FreedesktopNotifierTest {
    @Test
    void textBecomesGVariantStringLiteralsThatCannotBreakOut() {
        assertThat(FreedesktopNotifier.gvariantString("Joe's \"Wi-Fi\" \\ 100%")).isEqualTo("'Joe\\'s \"Wi-Fi\" \\\\ 100%'");
        assertThat(FreedesktopNotifier.gvariantString("a\nb\u0001")).isEqualTo("'a\\nb\\u0001'");
    }

    @Test
    void theBodyIsEscapedForMarkup() {
        List<String> cmd = FreedesktopNotifier.command(0, "Sign-in required", "<b>Cafe & Bar</b> wants you to sign in.");
        assertThat(cmd).contains("'&lt;b&gt;Cafe &amp; Bar&lt;/b&gt; wants you to sign in.'", "'Sign-in required'");
        assertThat(cmd.subList(0, 3)).containsExactly("gdbus", "call", "--session");
        assertThat(cmd).contains("org.freedesktop.Notifications.Notify", "uint32 0", "@as []");
    }

    @Test
    void readsTheIdAndReplacesThePreviousNotificationWithTheNext() {
        List<List<String>> calls = new ArrayList<>();
        CommandRunner fake = (command, timeout) -> {
            calls.add(command);
            return CommandRunner.Result.success("(uint32 " + (41 + calls.size()) + ",)\n");
        };
        FreedesktopNotifier n = new FreedesktopNotifier(fake);
        assertThat(n.send("Sign-in required", "one")).isTrue();
        assertThat(n.send("Sign-in required", "two")).isTrue();
        assertThat(calls.get(0)).contains("uint32 0");
        assertThat(calls.get(1)).as("replaces the first (id 42)").contains("uint32 42");
    }

    @Test
    void aMissingServiceOrGarbledReplyIsAFailureSoTheCallerFallsBack() {
        assertThat(new FreedesktopNotifier((c, t) -> new CommandRunner.Result(1, "", false, java.util.Optional.empty()))
                .send("t", "b")).isFalse();
        assertThat(new FreedesktopNotifier((c, t) -> new CommandRunner.Result(-1, "", true, java.util.Optional.empty()))
                .send("t", "b")).isFalse();
        assertThat(new FreedesktopNotifier((c, t) -> CommandRunner.Result.success("Error: GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown"))
                .send("t", "b")).isFalse();
        assertThat(FreedesktopNotifier.parseId("(uint32 4294967295,)")).hasValue(-1); // unsigned, as D-Bus sends it
    }

    @Test
    void aSessionBusIsFoundByAddressOrByTheRuntimeSocket(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertThat(FreedesktopNotifier.hasSessionBus(Map.of())).isFalse();
        assertThat(FreedesktopNotifier.hasSessionBus(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"))).isTrue();
        assertThat(FreedesktopNotifier.hasSessionBus(Map.of("XDG_RUNTIME_DIR", dir.toString()))).isFalse();
        java.nio.file.Files.createFile(dir.resolve("bus"));
        assertThat(FreedesktopNotifier.hasSessionBus(Map.of("XDG_RUNTIME_DIR", dir.toString()))).isTrue();
    }

    @Test
    void callsAreBounded() {
        Duration[] seen = new Duration[1];
        new FreedesktopNotifier((c, t) -> {
            seen[0] = t;
            return CommandRunner.Result.success("(uint32 1,)");
        }).send("t", "b");
        assertThat(seen[0]).isEqualTo(FreedesktopNotifier.CALL_LIMIT);
    }
}
