package io.captivewatch.desktop;

import io.captivewatch.desktop.fx.DebugLog;
import io.captivewatch.testing.Await;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.testing.PortalSimulator.Scenario;
import io.captivewatch.testing.Requirements;
import io.captivewatch.testing.XDisplay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #17, end to end: the real app under Xvfb with a tray host, a loopback portal ({@link PortalSimulator}: its
 * {@code POST /login} lets the client through), the login window in its own process. The user signs in from the
 * keyboard in that window (room number, the terms box, Connect); the app notices from the window's page, not from
 * its captive timer (set to 300 s here, far beyond this test's waits), and the window closes by itself with the
 * tray online. No timing is asserted: how fast is the benchmark's row (bench/run.sh).
 */
class KeyboardSignInSystemTest {
    static final String LOGIN_TITLE = "^Sign in to the network";
    static final Duration STEP = Duration.ofSeconds(40);

    @TempDir
    Path config;

    XDisplay display;
    PortalSimulator sim;
    Process app;
    final List<String> output = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Requirements.requireCommands("Xvfb", "trayer", "xdotool");
        display = XDisplay.start();
        display.startTray();
        sim = new PortalSimulator(Scenario.REDIRECT_302).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroy();
            if (!app.waitFor(10, TimeUnit.SECONDS)) app.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        if (sim != null) sim.close();
        if (display != null) display.close();
        System.out.println("--- app output ---");
        output.forEach(System.out::println);
    }

    boolean saw(String debugLine) {
        return output.stream().anyMatch(l -> l.startsWith(DebugLog.DEBUG_PREFIX + debugLine));
    }

    void await(String what, java.util.function.BooleanSupplier c) {
        Await.until(what + "; app output so far:\n" + String.join("\n", output), c, STEP);
    }

    void xdotool(String... args) {
        List<String> cmd = new ArrayList<>(List.of("xdotool"));
        cmd.addAll(List.of(args));
        XDisplay.Result r = display.tool(10_000, cmd.toArray(String[]::new));
        assertThat(r.ok()).as("xdotool " + String.join(" ", args) + ": " + r.out()).isTrue();
    }

    @Test
    void signingInFromTheKeyboardInTheLoginWindowClosesItAndTheTrayGoesOnline() throws Exception {
        // the captive timer alone would re-check only after 300 s: a close within STEP comes from the window's page
        Files.writeString(config.resolve("settings.json"), "{\"captiveIntervalSeconds\": 300}");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = List.of(java, "-Dcaptivewatch.debug=true", "-Dprism.order=sw", "-Xmx256m", "-cp", cp,
                "io.captivewatch.Main", "--probe", sim.url("/generate_204").toString(), "--config", config.toString());
        app = display.env(new ProcessBuilder(cmd)).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) output.add(line);
            } catch (IOException ignored) {
                // the app ended
            }
        }, "app-output");
        reader.setDaemon(true);
        reader.start();

        await("captive verdict", () -> saw("state CAPTIVE"));
        await("the login window on screen", () -> !display.windowsNamed(LOGIN_TITLE).isEmpty());
        await("the portal's page painted in it", () -> saw("login page painted"));
        String window = display.windowsNamed(LOGIN_TITLE).get(0);

        // keyboard focus into the page (no window manager: focus follows the pointer), then as a user would type
        xdotool("mousemove", "--window", window, "300", "400", "click", "1");
        xdotool("key", "Tab");
        xdotool("type", "--delay", "30", "214");
        xdotool("key", "Tab", "space", "Tab", "Return");

        await("the portal let us through", () -> sim.requests().stream()
                .anyMatch(r -> r.method().equals("POST") && r.path().startsWith("/login")));
        assertThat(sim.requests().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow().path())
                .isEqualTo("/login");
        await("the login window closed by the app", () -> display.windowsNamed(LOGIN_TITLE).isEmpty());
        await("the tray online", () -> saw("state ONLINE"));
        assertThat(saw("portal cleared")).isTrue();
        assertThat(output).as("closed because the page said so, long before the 300 s timer")
                .anySatisfy(l -> assertThat(l).contains("login closed"));
    }
}
