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
 * Issue #20 in the openNDS lab, the desktop app on a private Xvfb display with a tray host: the first sign-in on
 * openNDS's click-through splash by keyboard in the login window ("Accept Terms of Service", then "Continue"),
 * the window closing after its banner, then taking the tray's offer "Sign me in automatically" (a double-click on
 * the tray icon, as AWT's balloon says); after {@code ndsctl deauth} the next episode is signed in
 * without any window and the verdict is online; with a changed splash (an extra field in the accept form) the
 * replay stops and the login window opens as before. Screenshots go to {@code target/screenshots/lab-auto-*}.
 */
class OpenNdsAutoSignInSystemTest {
    private XDisplay x;
    private LabProcess app;
    private LabWindowDriver window;

    @Test
    void aClickThroughSignInIsRepeatedAfterDeauthAndAChangedSplashOpensTheWindow() throws Exception {
        long t0 = System.nanoTime();
        Requirements.requireRoot();
        Requirements.requireCommands(Lab.COMMANDS);
        Requirements.requireCommands("Xvfb", "trayer", "xdotool", "import");
        Path shots = LabWindowDriver.screenshotFolder();
        config = Files.createTempDirectory("cw-lab-auto");
        Path theme = null;
        Lab lab = Lab.up();
        try {
            System.out.println("[lab-auto] lab up in " + lab.setupMillis() + " ms");
            new SettingsStore(config).save(Settings.defaults().withCaptiveIntervalSeconds(1).withStartAtLogin(false));
            x = XDisplay.start();
            x.startTray();
            this.lab = lab;
            app = LabProcess.start("app", lab.javaCommand(List.of("-Dcaptivewatch.debug=true", "-Dprism.order=sw", "-Xmx256m"),
                    "io.captivewatch.Main", "--config", config.toString()), x.environment());
            window = new LabWindowDriver(x, app, shots, "lab-auto", "lab-login-tmp.png");

            // 1. the first sign-in, by keyboard in the login window, then the tray's offer taken
            awaitLine("the app's automatic prompt", DEBUG + "prompt open http://10.99.0.1:2050/opennds_preauth/", 0);
            String win = window.awaitWindow();
            Rectangle g = x.geometry(win);
            BufferedImage splash = window.awaitPainted(g, null, "splash");
            window.press(g, "accept");
            BufferedImage thanks = window.awaitPainted(g, splash, "after-accept");
            window.press(g, "continue");
            awaitLine("online after the login", DEBUG + "state ONLINE", 0);
            awaitLine("the login window's online notice", DEBUG + "login online", 0);
            long online = System.nanoTime();
            // the window closes after its banner as after any sign-in (#17): no offer keeps it open
            assertThat(until(() -> x.windowsNamed(LOGIN_TITLE).isEmpty(), Duration.ofSeconds(20))).as("window closes").isTrue();
            System.out.println("[lab-auto] login online -> window gone in " + ms(online) + " ms");
            // the offer is the tray's notification; without a notification service here it is AWT's balloon,
            // which says to double-click the tray icon, as a user would
            awaitLine("the tray's offer", DEBUG + "auto-signin offered for ", 0);
            assertThat(Files.exists(config.resolve("auto-signin.json"))).as("nothing stored before the offer is taken").isFalse();
            doubleClickTrayIcon();
            awaitLine("the recipe saved", DEBUG + "auto-signin saved", 0);
            assertThat(Files.readString(config.resolve("auto-signin.json"))).contains("/opennds_preauth/")
                    .doesNotContain("fas=").doesNotContain("clicked");

            // 2. ndsctl deauth: the next episode is signed in without any window
            long deauth = System.nanoTime();
            Lab.Exec e = lab.ndsctl("deauth", lab.clientMac());
            assertThat(e.ok()).as("ndsctl deauth: %s", e).isTrue();
            checkNow();
            awaitLine("the replay", DEBUG + "auto-signin replay http://10.99.0.1:2050/opennds_preauth/", deauth);
            awaitLine("the replay ends online", DEBUG + "auto-signin online", deauth);
            awaitLine("the verdict online again", DEBUG + "state ONLINE", deauth);
            System.out.println("[lab-auto] deauth -> online by itself in " + ms(deauth) + " ms");
            assertThat(app.lines().stream().filter(l -> l.nanos() > deauth).map(LabProcess.Line::text))
                    .noneMatch(l -> l.startsWith(DEBUG + "prompt open")).noneMatch(l -> l.startsWith(DEBUG + "login open"));
            assertThat(x.windowsNamed(LOGIN_TITLE)).as("no login window").isEmpty();
            assertThat(OpenNdsLabSystemTest.probeStatus(lab)).as("the client is let out").isEqualTo(204);
            window.screenshot("signed-in-for-you");

            // 3. a changed splash (an extra field): the replay stops and the window opens as before
            theme = changedSplash();
            long deauth2 = System.nanoTime();
            e = lab.ndsctl("deauth", lab.clientMac());
            assertThat(e.ok()).as("ndsctl deauth: %s", e).isTrue();
            checkNow();
            awaitLine("the replay stops", DEBUG + "auto-signin fallback: step 1: the form sending to /opennds_preauth/ changed", deauth2);
            awaitLine("the window opens as before", DEBUG + "prompt open http://10.99.0.1:2050/opennds_preauth/", deauth2);
            window.awaitWindow();
            window.screenshot("fallback-window");
            assertThat(OpenNdsLabSystemTest.probeStatus(lab)).as("still behind the portal").isNotEqualTo(204);
            String history = Files.readString(config.resolve("history.json"));
            System.out.println("[lab-auto] history.json:\n" + history);
            assertThat(history).contains("\"automatic\": true");
        } finally {
            try {
                if (app != null) {
                    app.close();
                    System.out.println("[lab-auto] app output:\n" + app.transcript());
                }
                if (x != null) x.close();
            } finally {
                lab.close(); // the bind mount lives in openNDS's mount namespace and goes with it
                if (theme != null) Files.deleteIfExists(theme);
                try (var st = Files.walk(config)) {
                    st.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
                System.out.println("[lab-auto] whole test took " + ms(t0) + " ms");
            }
        }
    }

    private Lab lab;
    private Path config;

    /** A second start of the app tells the running one to check now (SingleInstance), as a user might. */
    private void checkNow() throws Exception {
        try (LabProcess second = LabProcess.start("second", lab.javaCommand(List.of("-Xmx128m"), "io.captivewatch.Main",
                "--config", config.toString()), x.environment())) {
            assertThat(until(() -> !second.isAlive(), Duration.ofSeconds(30))).as("the second start ends").isTrue();
        }
    }

    /**
     * openNDS's click-through splash with one more field in its accept form, bind-mounted over the theme script in
     * openNDS's own mount namespace only (the host's file is untouched; the mount ends with the lab).
     */
    private Path changedSplash() throws Exception {
        String original = "/usr/lib/opennds/theme_click-to-continue-basic.sh";
        String marker = "<input type=\\\"hidden\\\" name=\\\"continue\\\" value=\\\"clicked\\\">";
        String extra = "<input type=\\\"text\\\" name=\\\"newsletter\\\">";
        assertThat(Files.readString(Path.of(original))).as("the theme's accept form").contains(marker);
        String pid = Files.readString(Lab.STATE.resolve("opennds.pid")).strip();
        // written and mounted inside openNDS's mount namespace (its /run is a private tmpfs; its /tmp may not be ours)
        String changed = "/run/cw-lab-theme.sh";
        Lab.Exec w = Lab.run(Duration.ofSeconds(10), "nsenter", "-t", pid, "-m", "--", "python3", "-c",
                "import sys,os; t=open(sys.argv[1]).read(); assert sys.argv[3] in t; "
                        + "open(sys.argv[2],'w').write(t.replace(sys.argv[3], sys.argv[3] + sys.argv[4])); os.chmod(sys.argv[2], 0o755)",
                original, changed, marker, extra);
        assertThat(w.ok()).as("the changed theme: %s", w).isTrue();
        Lab.Exec m = Lab.run(Duration.ofSeconds(10), "nsenter", "-t", pid, "-m", "--", "mount", "--bind", changed, original);
        assertThat(m.ok()).as("bind mount of the changed theme: %s", m).isTrue();
        return null; // nothing on the host to remove: the file and the mount go with openNDS's namespace
    }

    /** Double-clicks the app's icon in trayer (the only icon there): AWT's tray icon runs the offered action. */
    private void doubleClickTrayIcon() {
        String tray = x.tool(3000, "xdotool", "search", "--onlyvisible", "--class", "trayer").out().strip().split("\\s+")[0];
        Rectangle t = x.geometry(tray);
        XDisplay.Result click = x.tool(5000, "xdotool", "mousemove", "" + (t.x + t.width / 2), "" + (t.y + t.height / 2),
                "click", "--repeat", "2", "--delay", "80", "1");
        assertThat(click.ok()).as("xdotool double-click on the tray icon: %s", click).isTrue();
    }

    private void awaitLine(String what, String prefix, long afterNanos) throws InterruptedException {
        window.awaitLine(what, prefix, afterNanos, Duration.ofSeconds(60));
    }
}
