package io.captivewatch.desktop;

import io.captivewatch.desktop.fx.DebugLog;
import io.captivewatch.desktop.icons.IconPainter;
import io.captivewatch.testing.Await;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.testing.PortalSimulator.Scenario;
import io.captivewatch.testing.Requirements;
import io.captivewatch.testing.XDisplay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.image.BufferedImage;
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
 * The real app in a real X session: Xvfb, a tray host (trayer), the app started as {@code java ... Main}
 * on a loopback portal simulator. Online -> captive (icon turns orange, the login window opens once) ->
 * online (the window closes, the icon turns green). Screenshots go to {@code target/screenshots/}.
 */
class TrayAppSystemTest {
    /** The login window's title (desktop.login.LoginWindow). */
    static final String LOGIN_TITLE = "^Sign in to the network";
    static final Duration STEP = Duration.ofSeconds(30);

    @TempDir
    Path config;

    XDisplay display;
    PortalSimulator sim;
    Process app;
    final List<String> output = new CopyOnWriteArrayList<>();
    Path shots;

    @BeforeEach
    void setUp() throws IOException {
        Requirements.requireCommands("Xvfb", "trayer", "xdotool", "import");
        shots = Path.of(System.getProperty("captivewatch.screenshots", "target/screenshots"));
        Files.createDirectories(shots);
        display = XDisplay.start();
        display.startTray();
        sim = new PortalSimulator(Scenario.ONLINE_204).start();
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

    Process startApp(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java, "-Dcaptivewatch.debug=true", "-Dprism.order=sw", "-Xmx256m",
                "-cp", cp, "io.captivewatch.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = display.env(new ProcessBuilder(cmd)).redirectErrorStream(true);
        Process p = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) output.add(line);
            } catch (IOException ignored) {
                // process ended
            }
        }, "app-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    boolean saw(String debugLine) {
        return output.stream().anyMatch(l -> l.startsWith(DebugLog.DEBUG_PREFIX + debugLine));
    }

    long count(String debugLine) {
        return output.stream().filter(l -> l.startsWith(DebugLog.DEBUG_PREFIX + debugLine)).count();
    }

    void await(String what, java.util.function.BooleanSupplier c) {
        Await.until(what + "; app output so far:\n" + String.join("\n", output), c, STEP);
    }

    /** Pixels close to {@code c} in the tray strip at the top of the screen. */
    static int trayPixels(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < Math.min(40, img.getHeight()); y++) {
            for (int x = img.getWidth() / 2; x < img.getWidth(); x++) {
                Color p = new Color(img.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) + Math.abs(p.getGreen() - c.getGreen()) + Math.abs(p.getBlue() - c.getBlue()) < 30) n++;
            }
        }
        return n;
    }

    boolean trayShows(Color c, String shot) {
        try {
            BufferedImage img = display.screenshot(shots.resolve(shot));
            return trayPixels(img, c) > 40;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void captivePortalTurnsTheIconOrangeOpensTheLoginWindowOnceAndOnlineClosesIt() throws Exception {
        // fast re-checks while captive, so the "online again" step is quick
        Files.writeString(config.resolve("settings.json"), "{\"captiveIntervalSeconds\": 1}");
        long t0 = System.nanoTime();
        app = startApp("--probe", sim.url("/generate_204").toString(), "--config", config.toString());

        await("tray icon installed", () -> saw("ui AwtTray"));
        await("online verdict", () -> saw("state ONLINE"));
        await("green icon in the tray", () -> trayShows(IconPainter.GREEN, "tray-1-online.png"));
        System.out.printf("online and shown after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        assertThat(display.windowsNamed(LOGIN_TITLE)).isEmpty();

        // the network turns into a portal; a second start of the app asks the running one to check now
        sim.setScenario(Scenario.REDIRECT_302);
        Process second = startApp("--probe", sim.url("/generate_204").toString(), "--config", config.toString());
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("second start exits").isTrue();
        assertThat(second.exitValue()).isZero();
        await("captive verdict", () -> saw("state CAPTIVE"));
        await("orange icon in the tray", () -> trayShows(IconPainter.ORANGE, "tray-2-captive.png"));
        await("login window", () -> display.windowsNamed(LOGIN_TITLE).size() == 1);
        long t1 = System.nanoTime();
        Await.until("login page painted", () -> {
            try {
                List<String> ids = display.windowsNamed(LOGIN_TITLE);
                return ids.size() == 1 && painted(display.screenshot(shots.resolve("tray-3-login-window.png")), display.geometry(ids.get(0)));
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(60));
        System.out.printf("login window painted %d ms after it appeared%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
        assertThat(count("prompt open")).isEqualTo(1);

        // captive re-checks (every second) must not open it again
        long checksBefore = sim.requestCount();
        await("two more captive re-checks", () -> sim.requestCount() >= checksBefore + 2);
        assertThat(count("prompt open")).as("the login window opens once per portal episode").isEqualTo(1);
        assertThat(display.windowsNamed(LOGIN_TITLE)).hasSize(1);

        // signed in elsewhere: online again closes the window and the icon turns green
        sim.setScenario(Scenario.ONLINE_204);
        await("portal cleared", () -> saw("portal cleared"));
        await("green icon again", () -> trayShows(IconPainter.GREEN, "tray-4-online-again.png"));
        await("login window closed", () -> display.windowsNamed(LOGIN_TITLE).isEmpty());
        assertThat(trayShows(IconPainter.ORANGE, "tray-5-final.png")).isFalse();
        assertThat(app.isAlive()).isTrue();

        // Quit from the tray menu: the icon goes away and the JVM exits (AWT and JavaFX threads stopped)
        quitFromTheTrayMenu(IconPainter.GREEN);
        assertThat(app.waitFor(20, TimeUnit.SECONDS)).as("app exits after Quit").isTrue();
        assertThat(app.exitValue()).isZero();
        assertThat(saw("menu quit")).isTrue();
        assertThat(trayShows(IconPainter.GREEN, "tray-7-after-quit.png")).as("icon removed").isFalse();
    }

    @Test
    void aCorruptSettingsFileIsMovedAsideAndTheUserIsToldOnce() throws Exception {
        Files.writeString(config.resolve("settings.json"), "{\"captiveIntervalSeconds\": ");
        app = startApp("--probe", sim.url("/generate_204").toString(), "--config", config.toString());
        await("the app says the settings file was not valid and where it went", () -> output.stream().anyMatch(l ->
                l.startsWith("captivewatch: The settings file ") && l.contains("is not valid settings JSON")
                        && l.contains("settings.json.corrupt-")));
        await("the app runs on defaults", () -> saw("state ONLINE"));
        assertThat(output.stream().filter(l -> l.startsWith("captivewatch: The settings file "))).hasSize(1);
        try (var files = Files.list(config)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("settings.json.corrupt-")))
                    .as("the unreadable file kept aside, not lost").hasSize(1);
        }
    }

    @Test
    void withoutATrayHostTheStatusWindowDoesTheJob() throws Exception {
        display.stopTray();
        app = startApp("--probe", sim.url("/generate_204").toString(), "--config", config.toString());
        await("status window instead of a tray icon", () -> saw("ui StatusWindowTray"));
        await("status window says online", () -> display.windowsNamed("^CaptiveWatch: Online$").size() == 1);
        display.screenshot(shots.resolve("status-window-online.png"));
        sim.setScenario(Scenario.STATUS_401);
        Process second = startApp("--probe", sim.url("/generate_204").toString(), "--config", config.toString());
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).as("second start exits").isTrue();
        assertThat(second.exitValue()).isZero();
        await("status window says credentials required",
                () -> display.windowsNamed("^CaptiveWatch: Server asks for credentials \\(HTTP 401\\)$").size() == 1);
        display.screenshot(shots.resolve("status-window-401.png"));
        assertThat(count("prompt open")).as("a 401 is not a portal: no login window").isZero();
    }

    /** Whether the window's page area (below its toolbar) shows text, not just a blank window. */
    static boolean painted(BufferedImage img, java.awt.Rectangle window) {
        if (window == null) return false;
        int dark = 0;
        for (int y = window.y + 60; y < Math.min(img.getHeight(), window.y + window.height - 40); y++) {
            for (int x = window.x + 10; x < Math.min(img.getWidth(), window.x + window.width - 10); x++) {
                Color p = new Color(img.getRGB(x, y));
                if (p.getRed() + p.getGreen() + p.getBlue() < 200) dark++;
            }
        }
        return dark > 300;
    }

    /** Right-clicks the tray icon and picks the popup menu's last item (Quit). */
    void quitFromTheTrayMenu(Color iconColour) throws Exception {
        pickFromTheTrayMenu(iconColour, 9, "tray-6-menu.png");
    }

    /**
     * Right-clicks the tray icon and clicks the menu item {@code fromBottom} pixels above the popup's bottom
     * edge (items are ~19 px apart: Quit 9, Settings 37, Pause 56, Details 84 with this font).
     */
    void pickFromTheTrayMenu(Color iconColour, int fromBottom, String shot) throws Exception {
        int[] c = centre(display.screenshot(null), iconColour);
        assertThat(c).as("tray icon on screen").isNotNull();
        display.tool(5000, "xdotool", "mousemove", "" + c[0], "" + c[1], "click", "3");
        int[][] box = new int[1][];
        await("popup menu", () -> {
            try {
                box[0] = menuBox(display.screenshot(shots.resolve(shot)));
                return box[0] != null;
            } catch (IOException e) {
                return false;
            }
        });
        int x = box[0][0] + 20;
        int y = box[0][1] - fromBottom;
        display.tool(5000, "xdotool", "mousemove", "" + x, "" + y, "click", "1");
    }

    /** {left, bottom} of the AWT popup menu: its grey (#dfdfdf) block below the tray strip. */
    static int[] menuBox(BufferedImage img) {
        int left = Integer.MAX_VALUE, bottom = -1, n = 0;
        for (int y = 40; y < img.getHeight(); y++) {
            for (int x = img.getWidth() / 2; x < img.getWidth(); x++) {
                Color p = new Color(img.getRGB(x, y));
                if (Math.abs(p.getRed() - 0xdf) <= 2 && p.getRed() == p.getGreen() && p.getGreen() == p.getBlue()) {
                    left = Math.min(left, x);
                    bottom = Math.max(bottom, y);
                    n++;
                }
            }
        }
        return n > 2000 ? new int[]{left, bottom} : null;
    }

    static int[] centre(BufferedImage img, Color c) {
        long sx = 0, sy = 0, n = 0;
        for (int y = 0; y < Math.min(40, img.getHeight()); y++) {
            for (int x = img.getWidth() / 2; x < img.getWidth(); x++) {
                Color p = new Color(img.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) + Math.abs(p.getGreen() - c.getGreen()) + Math.abs(p.getBlue() - c.getBlue()) < 30) {
                    sx += x; sy += y; n++;
                }
            }
        }
        return n == 0 ? null : new int[]{(int) (sx / n), (int) (sy / n)};
    }
}
