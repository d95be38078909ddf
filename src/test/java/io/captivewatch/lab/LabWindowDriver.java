package io.captivewatch.lab;

import io.captivewatch.testing.XDisplay;

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
 * Drives the app's login window in the openNDS lab's desktop tests as a user would (keyboard presses, waits for
 * the window and for painted pages) and takes the numbered screenshots of each step. One per test run: it holds
 * the Xvfb display, the app whose output lines it waits for, the screenshot folder and the shots' name prefix.
 */
final class LabWindowDriver {
    static final String LOGIN_TITLE = "^Sign in to the network";
    static final String DEBUG = "captivewatch-debug: ";
    static final Duration STEP = Duration.ofSeconds(30);

    private final XDisplay x;
    private final LabProcess app;
    private final Path shots;
    private final String shotPrefix;
    private final String tmp;
    private int shot;

    /**
     * @param shotPrefix the screenshots' name prefix, e.g. {@code lab-login} for {@code lab-login-01-splash.png}
     * @param tmp        the name of the scratch screenshot {@link #awaitPainted} compares and then deletes
     */
    LabWindowDriver(XDisplay x, LabProcess app, Path shots, String shotPrefix, String tmp) {
        this.x = x;
        this.app = app;
        this.shots = shots;
        this.shotPrefix = shotPrefix;
        this.tmp = tmp;
    }

    /** The screenshot folder: system property captivewatch.screenshots, else {@code target/screenshots}. */
    static Path screenshotFolder() {
        return Path.of(System.getProperty("captivewatch.screenshots", "target/screenshots"));
    }

    /**
     * Presses the first button of the page as a user with a keyboard would: a click on empty space in the page
     * (lower part of the window, below the short splash) gives the WebView focus, Tab moves to the first control
     * of the page (openNDS's splash and thank-you pages have their submit button first), Return presses it.
     */
    void press(Rectangle g, String name) throws Exception {
        int cx = g.x + g.width / 2, cy = g.y + g.height * 85 / 100;
        XDisplay.Result click = x.tool(5000, "xdotool", "mousemove", "" + cx, "" + cy, "click", "1");
        assertThat(click.ok()).as("xdotool click: %s", click).isTrue();
        XDisplay.Result keys = x.tool(5000, "xdotool", "key", "--delay", "150", "Tab", "Return");
        assertThat(keys.ok()).as("xdotool key: %s", keys).isTrue();
        screenshot("pressed-" + name);
    }

    String awaitWindow() throws InterruptedException {
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
    BufferedImage awaitPainted(Rectangle g, BufferedImage before, String name) throws Exception {
        BufferedImage[] last = new BufferedImage[1];
        boolean ok = until(() -> {
            try {
                BufferedImage img = x.screenshot(shots.resolve(tmp));
                BufferedImage prev = last[0];
                last[0] = img;
                return darkPixels(img, g) > 200 && (before == null || differs(img, before, g) > 5000)
                        && prev != null && differs(img, prev, g) == 0;
            } catch (Exception e) {
                return false;
            }
        }, STEP);
        Files.deleteIfExists(shots.resolve(tmp));
        screenshot(name);
        assertThat(ok).as("page painted in the login window (%s); app output:\n%s", name, app.transcript()).isTrue();
        return last[0];
    }

    /** Dark pixels (text) in the page area: below the toolbar (top 80 px) and above the status line. */
    static int darkPixels(BufferedImage img, Rectangle g) {
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

    static int differs(BufferedImage a, BufferedImage b, Rectangle g) {
        int n = 0;
        for (int y = Math.max(0, g.y + 80); y < Math.min(Math.min(a.getHeight(), b.getHeight()), g.y + g.height - 40); y++) {
            for (int xx = Math.max(0, g.x); xx < Math.min(Math.min(a.getWidth(), b.getWidth()), g.x + g.width); xx++) {
                if (a.getRGB(xx, y) != b.getRGB(xx, y)) n++;
            }
        }
        return n;
    }

    /** The next numbered screenshot: {@code <shotPrefix>-NN-<name>.png}. */
    void screenshot(String name) throws Exception {
        x.screenshot(shots.resolve(String.format("%s-%02d-%s.png", shotPrefix, ++shot, name)));
    }

    /** Waits (up to {@link #STEP}) for an app output line starting with {@code prefix}, any time since the start. */
    void awaitLine(String what, String prefix) throws InterruptedException {
        awaitLine(what, prefix, 0, STEP);
    }

    /** Waits (up to {@code bound}) for an app output line starting with {@code prefix}, printed after {@code afterNanos}. */
    void awaitLine(String what, String prefix, long afterNanos, Duration bound) throws InterruptedException {
        Optional<LabProcess.Line> l = app.await(s -> s.startsWith(prefix), afterNanos, bound);
        assertThat(l).as("%s ('%s'); app output:\n%s", what, prefix, app.transcript()).isPresent();
    }

    static boolean until(BooleanSupplier c, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < end) {
            if (c.getAsBoolean()) return true;
            Thread.sleep(100); // poll interval of a bounded wait
        }
        return c.getAsBoolean();
    }

    static long ms(long fromNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fromNanos);
    }
}
