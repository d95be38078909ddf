package io.captivewatch.lab;

import io.captivewatch.testing.XDisplay;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.settings.SettingsStore;
import io.captivewatch.testing.Requirements;
import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #16, scenario (b): the portal redirects to a host name only the portal's DNS resolves
 * ({@code lab.sh up --portal-name}: openNDS sends clients to a hotel-style FAS at {@code portal.hotel.lan:2080},
 * known only to the gateway's dnsmasq), and the client's resolv.conf points at a custom resolver the portal
 * blocks ({@code lab.sh custom-dns on}, as {@link OpenNdsCustomDnsSystemTest}). The desktop app on Xvfb (as
 * {@link OpenNdsLoginWindowSystemTest}): the tray hands the login window the network's DNS ({@code dns 10.99.0.1}),
 * the window loads the page by that name through its loopback proxy and says so, sign-in completes from the
 * keyboard (the last page, {@code portal.hotel.lan:2080/done}, loads after sign-in, still by the portal-only
 * name), and the window closes by itself. Without the proxy the window could not look the name up at all.
 */
class OpenNdsPortalNameLoginWindowSystemTest {
    private static final String LOGIN_TITLE = "^Sign in to the network";
    private static final String DEBUG = "captivewatch-debug: ";
    private static final Duration STEP = Duration.ofSeconds(30);

    private XDisplay x;
    private LabProcess app;
    private Path shots;
    private int shot;

    @Test
    void theLoginWindowLoadsAPortalOnlyItsDnsKnowsAndSignInCompletes() throws Exception {
        long t0 = System.nanoTime();
        Requirements.requireRoot();
        Requirements.requireCommands(Lab.COMMANDS);
        Requirements.requireCommands("Xvfb", "trayer", "xdotool", "import");
        shots = Path.of(System.getProperty("captivewatch.screenshots", "target/screenshots"));
        Path config = Files.createTempDirectory("cw-lab-portal-name");
        Lab lab = Lab.upWith("--portal-name");
        try {
            Lab.Exec dns = Lab.run(Duration.ofSeconds(15), "bash", Lab.script().toString(), "custom-dns", "on");
            assertThat(dns.ok()).as("custom-dns on: %s", dns).isTrue();
            Lab.Exec sys = lab.inClient(Duration.ofSeconds(10), "getent", "hosts", "portal.hotel.lan");
            assertThat(sys.ok()).as("the system resolver (the blocked custom one) must not know the portal: %s", sys).isFalse();
            System.out.println("[lab-portal-name] lab up in " + lab.setupMillis() + " ms");
            new SettingsStore(config).save(Settings.defaults().withCaptiveIntervalSeconds(1).withStartAtLogin(false));
            x = XDisplay.start();
            x.startTray();
            long appStart = System.nanoTime();
            app = LabProcess.start("app", lab.javaCommand(List.of("-Dcaptivewatch.debug=true", "-Dprism.order=sw", "-Xmx256m"),
                    "io.captivewatch.Main", "--config", config.toString()), x.environment());

            awaitLine("the app's automatic prompt at the portal-only name", DEBUG + "prompt open http://portal.hotel.lan:2080/login?authaction=");
            awaitLine("the tray hands the window the network's DNS", DEBUG + "login dns 10.99.0.1");
            String through = DEBUG + "login process: names through the network's DNS [10.99.0.1]"; // the child's stderr
            assertThat(until(() -> app.transcript().contains(through), STEP))
                    .as("the login process resolves through it ('%s'); app output:\n%s", through, app.transcript()).isTrue();
            String win = awaitWindow();
            System.out.println("[lab-portal-name] login window " + win + " after " + ms(appStart) + " ms");
            Rectangle g = x.geometry(win);
            assertThat(g).as("geometry of the login window").isNotNull();
            BufferedImage splash = awaitPainted(g, null, "splash");
            System.out.println("[lab-portal-name] hotel page painted after " + ms(appStart) + " ms");
            assertThat(app.transcript()).as("no load failure").doesNotContain("load-failed").doesNotContain("login load failed");

            press(g, "accept");
            BufferedImage thanks = awaitPainted(g, splash, "after-accept");
            press(g, "continue");
            long pressed = System.nanoTime();
            awaitPainted(g, thanks, "landing"); // the FAS's "You are now logged in", by the portal-only name

            awaitLine("online after the login", DEBUG + "state ONLINE");
            System.out.println("[lab-portal-name] app online " + ms(pressed) + " ms after Continue");
            screenshot("online");
            assertThat(until(() -> x.windowsNamed(LOGIN_TITLE).isEmpty(), Duration.ofSeconds(15)))
                    .as("login window closes by itself; app output:\n%s", app.transcript()).isTrue();
            System.out.println("[lab-portal-name] login window gone " + ms(pressed) + " ms after Continue");
            screenshot("closed");
            assertThat(OpenNdsLabSystemTest.probeStatus(lab)).as("the client is let out").isEqualTo(204);
        } finally {
            try {
                if (app != null) {
                    app.close();
                    System.out.println("[lab-portal-name] app output:\n" + app.transcript());
                }
                if (x != null) x.close();
            } finally {
                lab.close();
                try (var s = Files.walk(config)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
                System.out.println("[lab-portal-name] whole test took " + ms(t0) + " ms");
            }
        }
    }

    /**
     * Presses the first button of the page as a user with a keyboard would: a click on empty space in the page
     * (lower part of the window, below the short splash) gives the WebView focus, Tab moves to the first control
     * of the page (openNDS's splash and thank-you pages have their submit button first), Return presses it.
     */
    private void press(Rectangle g, String name) throws Exception {
        int cx = g.x + g.width / 2, cy = g.y + g.height * 85 / 100;
        XDisplay.Result click = x.tool(5000, "xdotool", "mousemove", "" + cx, "" + cy, "click", "1");
        assertThat(click.ok()).as("xdotool click: %s", click).isTrue();
        XDisplay.Result keys = x.tool(5000, "xdotool", "key", "--delay", "150", "Tab", "Return");
        assertThat(keys.ok()).as("xdotool key: %s", keys).isTrue();
        screenshot("pressed-" + name);
    }

    private String awaitWindow() throws InterruptedException {
        List<String> found = new ArrayList<>();
        boolean ok = until(() -> {
            found.clear();
            found.addAll(x.windowsNamed(LOGIN_TITLE));
            return !found.isEmpty();
        }, STEP);
        assertThat(ok).as("a window named '%s'; app output:\n%s", LOGIN_TITLE, app.transcript()).isTrue();
        return found.get(0);
    }

    /**
     * Waits until the page area of the window shows dark text, differs from {@code before} by more than a focus
     * ring would (a new page), and is the same in two screenshots in a row (done painting); returns that image.
     */
    private BufferedImage awaitPainted(Rectangle g, BufferedImage before, String name) throws Exception {
        BufferedImage[] last = new BufferedImage[1];
        boolean ok = until(() -> {
            try {
                BufferedImage img = x.screenshot(shots.resolve("lab-portal-name-tmp.png"));
                BufferedImage prev = last[0];
                last[0] = img;
                return darkPixels(img, g) > 200 && (before == null || differs(img, before, g) > 5000)
                        && prev != null && differs(img, prev, g) == 0;
            } catch (Exception e) {
                return false;
            }
        }, STEP);
        Files.deleteIfExists(shots.resolve("lab-portal-name-tmp.png"));
        screenshot(name);
        assertThat(ok).as("page painted in the login window (%s); app output:\n%s", name, app.transcript()).isTrue();
        return last[0];
    }

    /** Dark pixels (text) in the page area: below the toolbar (top 80 px) and above the status line. */
    private static int darkPixels(BufferedImage img, Rectangle g) {
        int n = 0;
        for (int y = Math.max(0, g.y + 80); y < Math.min(img.getHeight(), g.y + g.height - 40); y++) {
            for (int xx = Math.max(0, g.x); xx < Math.min(img.getWidth(), g.x + g.width); xx++) {
                int rgb = img.getRGB(xx, y);
                int lum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                if (lum < 200) n++;
            }
        }
        return n;
    }

    private static int differs(BufferedImage a, BufferedImage b, Rectangle g) {
        int n = 0;
        for (int y = Math.max(0, g.y + 80); y < Math.min(Math.min(a.getHeight(), b.getHeight()), g.y + g.height - 40); y++) {
            for (int xx = Math.max(0, g.x); xx < Math.min(Math.min(a.getWidth(), b.getWidth()), g.x + g.width); xx++) {
                if (a.getRGB(xx, y) != b.getRGB(xx, y)) n++;
            }
        }
        return n;
    }

    private void screenshot(String name) throws Exception {
        x.screenshot(shots.resolve(String.format("lab-portal-name-%02d-%s.png", ++shot, name)));
    }

    private void awaitLine(String what, String prefix) throws InterruptedException {
        Optional<LabProcess.Line> l = app.await(s -> s.startsWith(prefix), 0, STEP);
        assertThat(l).as("%s ('%s'); app output:\n%s", what, prefix, app.transcript()).isPresent();
    }

    private static boolean until(BooleanSupplier c, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) return true;
            Thread.sleep(100); // poll interval of a bounded wait
        }
        return c.getAsBoolean();
    }

    private static long ms(long fromNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fromNanos);
    }
}
