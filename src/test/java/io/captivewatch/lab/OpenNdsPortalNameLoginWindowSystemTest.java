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
import static io.captivewatch.lab.LabWindowDriver.STEP;
import static io.captivewatch.lab.LabWindowDriver.ms;
import static io.captivewatch.lab.LabWindowDriver.until;
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
    private XDisplay x;
    private LabProcess app;
    private LabWindowDriver window;

    @Test
    void theLoginWindowLoadsAPortalOnlyItsDnsKnowsAndSignInCompletes() throws Exception {
        long t0 = System.nanoTime();
        Requirements.requireRoot();
        Requirements.requireCommands(Lab.COMMANDS);
        Requirements.requireCommands("Xvfb", "trayer", "xdotool", "import");
        Path shots = LabWindowDriver.screenshotFolder();
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
            window = new LabWindowDriver(x, app, shots, "lab-portal-name", "lab-portal-name-tmp.png");

            window.awaitLine("the app's automatic prompt at the portal-only name", DEBUG + "prompt open http://portal.hotel.lan:2080/login?authaction=");
            window.awaitLine("the tray hands the window the network's DNS", DEBUG + "login dns 10.99.0.1");
            String through = DEBUG + "login process: names through the network's DNS [10.99.0.1]"; // the child's stderr
            assertThat(until(() -> app.transcript().contains(through), STEP))
                    .as("the login process resolves through it ('%s'); app output:\n%s", through, app.transcript()).isTrue();
            String win = window.awaitWindow();
            System.out.println("[lab-portal-name] login window " + win + " after " + ms(appStart) + " ms");
            Rectangle g = x.geometry(win);
            assertThat(g).as("geometry of the login window").isNotNull();
            BufferedImage splash = window.awaitPainted(g, null, "splash");
            System.out.println("[lab-portal-name] hotel page painted after " + ms(appStart) + " ms");
            assertThat(app.transcript()).as("no load failure").doesNotContain("load-failed").doesNotContain("login load failed");

            window.press(g, "accept");
            BufferedImage thanks = window.awaitPainted(g, splash, "after-accept");
            window.press(g, "continue");
            long pressed = System.nanoTime();
            window.awaitPainted(g, thanks, "landing"); // the FAS's "You are now logged in", by the portal-only name

            window.awaitLine("online after the login", DEBUG + "state ONLINE");
            System.out.println("[lab-portal-name] app online " + ms(pressed) + " ms after Continue");
            window.screenshot("online");
            assertThat(until(() -> x.windowsNamed(LOGIN_TITLE).isEmpty(), Duration.ofSeconds(15)))
                    .as("login window closes by itself; app output:\n%s", app.transcript()).isTrue();
            System.out.println("[lab-portal-name] login window gone " + ms(pressed) + " ms after Continue");
            window.screenshot("closed");
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
}
