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
import java.util.List;

import static io.captivewatch.lab.LabWindowDriver.DEBUG;
import static io.captivewatch.lab.LabWindowDriver.LOGIN_TITLE;
import static io.captivewatch.lab.LabWindowDriver.ms;
import static io.captivewatch.lab.LabWindowDriver.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop app in the lab's client namespace on a private Xvfb display with a tray host: behind openNDS,
 * the login window (a real WebView) opens by itself on the splash page; the test presses "Accept Terms of
 * Service" and then "Continue" from the keyboard as a user could (click into the page, Tab to the button, Enter);
 * the app then sees the network online and the login window closes by itself. Screenshots of each step go to
 * {@code target/screenshots/} (system property captivewatch.screenshots).
 */
class OpenNdsLoginWindowSystemTest {
    private XDisplay x;
    private LabProcess app;
    private LabWindowDriver window;

    @Test
    void loginWindowOpensOnTheSplashAndAUserStyleLoginClosesIt() throws Exception {
        long t0 = System.nanoTime();
        Requirements.requireRoot();
        Requirements.requireCommands(Lab.COMMANDS);
        Requirements.requireCommands("Xvfb", "trayer", "xdotool", "import");
        Path shots = LabWindowDriver.screenshotFolder();
        Path config = Files.createTempDirectory("cw-lab-desktop");
        Lab lab = Lab.up();
        try {
            System.out.println("[lab-desktop] lab up in " + lab.setupMillis() + " ms");
            new SettingsStore(config).save(Settings.defaults().withCaptiveIntervalSeconds(1).withStartAtLogin(false));
            x = XDisplay.start();
            x.startTray();
            long appStart = System.nanoTime();
            app = LabProcess.start("app", lab.javaCommand(List.of("-Dcaptivewatch.debug=true", "-Dprism.order=sw", "-Xmx256m"),
                    "io.captivewatch.Main", "--config", config.toString()), x.environment());
            window = new LabWindowDriver(x, app, shots, "lab-login", "lab-login-tmp.png");

            window.awaitLine("the app's automatic prompt", DEBUG + "prompt open http://10.99.0.1:2050/opennds_preauth/");
            String win = window.awaitWindow();
            System.out.println("[lab-desktop] login window " + win + " after " + ms(appStart) + " ms");
            Rectangle g = x.geometry(win);
            assertThat(g).as("geometry of the login window").isNotNull();
            BufferedImage splash = window.awaitPainted(g, null, "splash");
            System.out.println("[lab-desktop] splash painted after " + ms(appStart) + " ms");

            window.press(g, "accept");
            BufferedImage thanks = window.awaitPainted(g, splash, "after-accept");
            System.out.println("[lab-desktop] second page after " + ms(appStart) + " ms");
            window.press(g, "continue");
            long pressed = System.nanoTime();
            window.awaitPainted(g, thanks, "landing"); // openNDS's "You are now logged in" page

            window.awaitLine("online after the login", DEBUG + "state ONLINE");
            System.out.println("[lab-desktop] app online " + ms(pressed) + " ms after Continue");
            window.screenshot("online");
            window.awaitLine("the login window's online notice", DEBUG + "login online");
            assertThat(until(() -> x.windowsNamed(LOGIN_TITLE).isEmpty(), Duration.ofSeconds(15)))
                    .as("login window closes by itself; app output:\n%s", app.transcript()).isTrue();
            System.out.println("[lab-desktop] login window gone " + ms(pressed) + " ms after Continue");
            window.screenshot("closed");
            assertThat(OpenNdsLabSystemTest.probeStatus(lab)).as("the client is let out").isEqualTo(204);
        } finally {
            try {
                if (app != null) {
                    app.close();
                    System.out.println("[lab-desktop] app output:\n" + app.transcript());
                }
                if (x != null) x.close();
            } finally {
                lab.close();
                try (var s = Files.walk(config)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
                System.out.println("[lab-desktop] whole desktop lab test took " + ms(t0) + " ms");
            }
        }
    }
}
