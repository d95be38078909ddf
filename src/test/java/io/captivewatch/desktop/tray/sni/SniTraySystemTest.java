package io.captivewatch.desktop.tray.sni;

import io.captivewatch.desktop.dbus.SessionBus;
import io.captivewatch.desktop.dbus.Notifications;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.os.CommandRunner;
import io.captivewatch.desktop.icons.IconPainter;
import io.captivewatch.desktop.tray.TrayMenuModel;
import io.captivewatch.desktop.tray.TrayStatus;
import io.captivewatch.testing.Await;
import io.captivewatch.testing.Requirements;
import io.captivewatch.testing.XDisplay;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The StatusNotifierItem tray against real third-party SNI software from Debian, on a private session bus and an
 * Xvfb display: {@code status-notifier-watcher} (haskell-status-notifier-item-utils) takes the registration,
 * {@code gtk-sni-tray-standalone} (haskell-gtk-sni-tray-utils) draws the icon, {@code gdbus} and {@code dbus-monitor}
 * play the host's part (read properties, GetLayout, Event, Activate) and watch the signals.
 */
class SniTraySystemTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<Process> processes = new ArrayList<>();
    private final List<String> signals = new CopyOnWriteArrayList<>();
    private XDisplay x;
    private String address;
    private DBusConnection conn;
    private SniTray tray;

    @AfterEach
    void tearDown() throws Exception {
        if (tray != null) tray.close();
        if (conn != null) conn.close();
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        if (x != null) x.close();
    }

    @Test
    void theIconRegistersFollowsTheVerdictExportsItsMenuAndActs() throws Exception {
        Requirements.requireCommands("Xvfb", "xdotool", "dbus-daemon", "dbus-monitor", "gdbus", "import",
                "status-notifier-watcher", "gtk-sni-tray-standalone");
        x = XDisplay.start();
        address = startBus();
        Process watcher = start(new ProcessBuilder("status-notifier-watcher"));
        CommandRunner onBus = onOurBus();
        Await.until("the watcher is on the bus", () -> hasOwner(onBus, StatusNotifierWatcher.BUS_NAME), WAIT);
        start(new ProcessBuilder("gtk-sni-tray-standalone", "--top", "--end", "--size", "48", "--color", "white"));
        Await.until("gtk-sni-tray-standalone registered as a host", () -> gdbus(onBus, StatusNotifierWatcher.BUS_NAME,
                StatusNotifierWatcher.PATH, "org.freedesktop.DBus.Properties.Get", StatusNotifierWatcher.BUS_NAME,
                "IsStatusNotifierHostRegistered").contains("true"), WAIT);
        startMonitor();

        BlockingQueue<TrayMenuModel.Item> performed = new LinkedBlockingQueue<>();
        conn = SessionBus.connect(address).orElseThrow();
        tray = SniTray.install(conn, performed::add).orElseThrow();
        String name = tray.busName();

        // registered with the watcher, as a host would see it
        Await.until("the item is registered", () -> gdbus(onBus, StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.PATH,
                "org.freedesktop.DBus.Properties.Get", StatusNotifierWatcher.BUS_NAME, "RegisteredStatusNotifierItems")
                .contains(name), WAIT);
        assertThat(itemProperty(onBus, name, "Status")).contains("'Active'");
        assertThat(itemProperty(onBus, name, "ToolTip")).contains("Checking…");
        assertThat(itemProperty(onBus, name, "Menu")).contains("objectpath '/MenuBar'");
        String pixmaps = itemProperty(onBus, name, "IconPixmap");
        for (int size : Pixmaps.SIZES) {
            assertThat(pixmaps.contains("(" + size + ", " + size + ", [")).as("a %d px pixmap is offered", size).isTrue();
        }

        // the verdict changes: properties follow and the host is told by signals
        TrayStatus captive = new TrayStatus(Optional.of(Verdict.CAPTIVE), "HotelGuest", Instant.now(), false, false, null, true);
        tray.setState(captive);
        Await.until("Status follows the verdict", () -> itemProperty(onBus, name, "Status").contains("'NeedsAttention'"), WAIT);
        assertThat(itemProperty(onBus, name, "ToolTip")).contains("Network: HotelGuest");
        Await.until("NewIcon, NewStatus, NewToolTip and the menu signals were sent", () -> signalled("member=NewIcon")
                && signalled("member=NewStatus") && signalled("member=NewToolTip")
                && signalled("member=ItemsPropertiesUpdated") && signalled("member=LayoutUpdated"), WAIT);

        // the menu as a host reads it
        String layout = gdbus(onBus, name, SniTray.MENU_PATH, "com.canonical.dbusmenu.GetLayout", "0", "int32 -1", "@as []");
        assertThat(layout).contains("'Check now'", "'Sign in…'", "'Quit'", "'type': <'separator'>", "'children-display': <'submenu'>");
        String signIn = gdbus(onBus, name, SniTray.MENU_PATH, "com.canonical.dbusmenu.GetProperty",
                Integer.toString(MenuTree.id(TrayMenuModel.Item.SIGN_IN)), "enabled");
        assertThat(signIn).contains("true");
        String advice = gdbus(onBus, name, SniTray.MENU_PATH, "com.canonical.dbusmenu.GetProperty",
                Integer.toString(MenuTree.id(TrayMenuModel.Item.ADVICE)), "enabled");
        assertThat(advice).as("disabled while a login link is known").contains("false");

        // clicking items, as the host does: an enabled one runs, a disabled one does not
        gdbus(onBus, name, SniTray.MENU_PATH, "com.canonical.dbusmenu.Event",
                Integer.toString(MenuTree.id(TrayMenuModel.Item.ADVICE)), "clicked", "<int32 0>", "uint32 0");
        gdbus(onBus, name, SniTray.MENU_PATH, "com.canonical.dbusmenu.Event",
                Integer.toString(MenuTree.id(TrayMenuModel.Item.CHECK_NOW)), "clicked", "<int32 0>", "uint32 0");
        assertThat(performed.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(TrayMenuModel.Item.CHECK_NOW);
        // left click on the icon: the main action, signing in while a portal waits
        gdbus(onBus, name, SniTray.ITEM_PATH, "org.kde.StatusNotifierItem.Activate", "0", "0");
        assertThat(performed.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(TrayMenuModel.Item.SIGN_IN);
        assertThat(performed).as("the disabled item did nothing").isEmpty();

        // the panel restarts: a new watcher appears and the item registers with it again
        watcher.destroy();
        assertThat(watcher.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Await.until("the watcher is gone", () -> !hasOwner(onBus, StatusNotifierWatcher.BUS_NAME), WAIT);
        start(new ProcessBuilder("status-notifier-watcher"));
        Await.until("the item registered with the new watcher", () -> gdbus(onBus, StatusNotifierWatcher.BUS_NAME,
                StatusNotifierWatcher.PATH, "org.freedesktop.DBus.Properties.Get", StatusNotifierWatcher.BUS_NAME,
                "RegisteredStatusNotifierItems").contains(name), WAIT);

        // gtk-sni-tray-standalone draws the orange captive icon
        Path shot = Path.of(System.getProperty("captivewatch.screenshots", "target/screenshots"), "sni-gtk-sni-tray.png");
        Await.until("the icon is drawn by gtk-sni-tray-standalone", () -> countColour(screenshot(shot), IconPainter.ORANGE) > 100, WAIT);
    }

    /**
     * The controller's "Sign in again" offer as a real notification on dunst, with its buttons; dunst's action (what a
     * click on the notification does) comes back as ActionInvoked and opens the login window on the portal.
     */
    @Test
    void aNotificationActionOnARealDaemonReachesTheController() throws Exception {
        Requirements.requireCommands("Xvfb", "xdotool", "dbus-daemon", "gdbus", "status-notifier-watcher", "dunst", "dunstctl");
        x = XDisplay.start();
        address = startBus();
        start(new ProcessBuilder("status-notifier-watcher"));
        start(new ProcessBuilder("dunst"));
        CommandRunner onBus = onOurBus();
        Await.until("the watcher and dunst are on the bus", () -> hasOwner(onBus, StatusNotifierWatcher.BUS_NAME)
                && hasOwner(onBus, Notifications.BUS_NAME), WAIT);

        conn = SessionBus.connect(address).orElseThrow();
        BlockingQueue<TrayMenuModel.Item> performed = new LinkedBlockingQueue<>();
        tray = SniTray.install(conn, performed::add).orElseThrow();
        List<java.net.URI> logins = new CopyOnWriteArrayList<>();
        io.captivewatch.core.monitor.Monitor monitor = io.captivewatch.core.monitor.Monitor
                .builder((probes, timeout) -> { throw new AssertionError("no check runs here"); }).build();
        io.captivewatch.desktop.DesktopController controller = new io.captivewatch.desktop.DesktopController(monitor,
                new io.captivewatch.desktop.AppWindows() {
                    @Override public void openLogin(io.captivewatch.core.url.WebUrl url) { logins.add(url.uri()); }
                    @Override public void loginCleared() {}
                    @Override public void showDetails(io.captivewatch.core.classify.Classification c) {}
                    @Override public void showAdvice(io.captivewatch.core.classify.Classification c,
                                                     List<io.captivewatch.core.advice.Advice> advice) {}
                    @Override public void showSettings() {}
                    @Override public void closeAll() {}
                }, () -> {}, line -> {});
        controller.attach(tray);
        java.net.URI portal = java.net.URI.create("http://127.0.0.1:9/portal/status");
        controller.sessionExpiring(new io.captivewatch.core.monitor.SessionInfo(Instant.now().plusSeconds(120),
                java.util.OptionalLong.empty(), io.captivewatch.core.url.WebUrl.of(portal), false));

        Await.until("dunst shows the notification", () -> onBus.run(List.of("dunstctl", "count", "displayed"), WAIT)
                .stdout().strip().equals("1"), WAIT);
        assertThat(logins).as("nothing opens before the user acts").isEmpty();
        assertThat(onBus.run(List.of("dunstctl", "action", "0"), WAIT).ok()).isTrue();
        Await.until("the login window opened on the portal", () -> logins.contains(portal), WAIT);
        assertThat(performed).isEmpty();
        monitor.close();
    }

    /**
     * The real app (io.captivewatch.Main) on a desktop with a StatusNotifierWatcher: it picks the SNI tray, stays up
     * (no AWT or JavaFX thread keeps it alive there), its green "online" icon is drawn by gtk-sni-tray-standalone,
     * and Quit from the exported menu ends it.
     */
    @Test
    void theAppChoosesTheSniTrayStaysUpAndQuitsFromItsMenu(@org.junit.jupiter.api.io.TempDir Path config) throws Exception {
        Requirements.requireCommands("Xvfb", "xdotool", "dbus-daemon", "gdbus", "import",
                "status-notifier-watcher", "gtk-sni-tray-standalone");
        x = XDisplay.start();
        address = startBus();
        start(new ProcessBuilder("status-notifier-watcher"));
        CommandRunner onBus = onOurBus();
        Await.until("the watcher is on the bus", () -> hasOwner(onBus, StatusNotifierWatcher.BUS_NAME), WAIT);
        start(new ProcessBuilder("gtk-sni-tray-standalone", "--top", "--end", "--size", "48", "--color", "white"));
        try (io.captivewatch.testing.PortalSimulator sim =
                     new io.captivewatch.testing.PortalSimulator(io.captivewatch.testing.PortalSimulator.Scenario.ONLINE_204).start()) {
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder(javaBin, "-Dcaptivewatch.debug=true", "-Dprism.order=sw", "-Xmx256m", "-cp", cp,
                    "io.captivewatch.Main", "--probe", sim.url("/generate_204").toString(), "--config", config.toString());
            x.env(pb).redirectErrorStream(true);
            pb.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
            Process app = pb.start();
            processes.add(app);
            List<String> output = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) output.add(l);
                } catch (java.io.IOException e) {
                    // ended
                }
            }, "app-output");
            reader.setDaemon(true);
            reader.start();
            java.util.function.Predicate<String> saw = line -> output.stream().anyMatch(l -> l.startsWith("captivewatch-debug: " + line));
            try {
                Await.until("the app chose the SNI tray and saw the network online",
                        () -> saw.test("ui SniTray") && saw.test("state ONLINE"), WAIT);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; app alive=" + app.isAlive() + ", output: " + output, e);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("org\\.kde\\.StatusNotifierItem-\\d+-\\d+").matcher("");
            String[] item = new String[1];
            Await.until("the app's item is registered", () -> {
                m.reset(gdbus(onBus, StatusNotifierWatcher.BUS_NAME, StatusNotifierWatcher.PATH, "org.freedesktop.DBus.Properties.Get",
                        StatusNotifierWatcher.BUS_NAME, "RegisteredStatusNotifierItems"));
                if (!m.find()) return false;
                item[0] = m.group();
                return true;
            }, WAIT);
            Path shot = Path.of(System.getProperty("captivewatch.screenshots", "target/screenshots"), "sni-app-online.png");
            Await.until("the green icon is drawn by gtk-sni-tray-standalone", () -> countColour(screenshot(shot), IconPainter.GREEN) > 100, WAIT);
            assertThat(app.isAlive()).as("the app stays up with only the SNI tray").isTrue();

            gdbus(onBus, item[0], SniTray.MENU_PATH, "com.canonical.dbusmenu.Event",
                    Integer.toString(MenuTree.id(TrayMenuModel.Item.QUIT)), "clicked", "<int32 0>", "uint32 0");
            assertThat(app.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("Quit from the menu ends the app; output: %s", output).isTrue();
        }
    }

    private String startBus() throws Exception {
        Process bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(bus);
        BufferedReader out = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8));
        String a = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(a).as("session bus address").startsWith("unix:");
        return a.strip();
    }

    private Process start(ProcessBuilder pb) throws Exception {
        x.env(pb).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
        pb.environment().put("NO_AT_BRIDGE", "1"); // GTK hosts: no accessibility bus to start and leave behind
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    /** dbus-monitor's view of every signal on the bus, one line per signal header. */
    private void startMonitor() throws Exception {
        Process p = new ProcessBuilder("dbus-monitor", "--address", address, "type='signal'").redirectErrorStream(true).start();
        processes.add(p);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) signals.add(l);
            } catch (java.io.IOException e) {
                // monitor stopped
            }
        }, "dbus-monitor-reader");
        t.setDaemon(true);
        t.start();
        Await.until("dbus-monitor listens", () -> signals.stream().anyMatch(l -> l.contains("NameAcquired")), WAIT);
    }

    private boolean signalled(String what) {
        return signals.stream().anyMatch(l -> l.contains(what));
    }

    private BufferedImage screenshot(Path file) {
        try {
            return x.screenshot(file);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Pixels within a small distance of {@code c}. */
    static int countColour(BufferedImage img, Color c) {
        if (img == null) return 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int xx = 0; xx < img.getWidth(); xx++) {
                int p = img.getRGB(xx, y);
                if (Math.abs(((p >> 16) & 255) - c.getRed()) < 24 && Math.abs(((p >> 8) & 255) - c.getGreen()) < 24
                        && Math.abs((p & 255) - c.getBlue()) < 24) n++;
            }
        }
        return n;
    }

    private String itemProperty(CommandRunner onBus, String name, String property) {
        return gdbus(onBus, name, SniTray.ITEM_PATH, "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierItem", property);
    }

    private static boolean hasOwner(CommandRunner onBus, String name) {
        return gdbus(onBus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", name).contains("true");
    }

    /** One gdbus call; stdout, or the error text. */
    static String gdbus(CommandRunner onBus, String dest, String path, String method, String... args) {
        List<String> cmd = new ArrayList<>(List.of("gdbus", "call", "--session", "--dest", dest, "--object-path", path, "--method", method));
        cmd.addAll(List.of(args));
        CommandRunner.Result r = onBus.run(cmd, WAIT);
        return r.stdout();
    }

    /** The system runner with our private bus as the session bus. */
    private CommandRunner onOurBus() {
        CommandRunner system = CommandRunner.system();
        return (command, timeout) -> {
            // stderr into stdout (the system runner drops stderr), so a D-Bus error shows in a failed assertion
            StringBuilder sh = new StringBuilder("exec \"$@\" 2>&1");
            List<String> cmd = new ArrayList<>(List.of("env", "DBUS_SESSION_BUS_ADDRESS=" + address, "DISPLAY=" + x.name,
                    "sh", "-c", sh.toString(), "sh"));
            cmd.addAll(command);
            return system.run(cmd, timeout);
        };
    }
}
