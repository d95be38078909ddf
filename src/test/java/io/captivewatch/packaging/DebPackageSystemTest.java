package io.captivewatch.packaging;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import io.captivewatch.testing.Await;
import io.captivewatch.testing.Requirements;
import io.captivewatch.testing.XDisplay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Debian package end to end: builds it with packaging/build-installer.sh --fast from target/app
 * (failsafe runs after `package`), installs it with apt-get, runs the installed {@code captivewatch}
 * command against loopback servers, validates the installed desktop entry, starts the installed app
 * under Xvfb with a tray host (the shared {@link XDisplay}) and takes a screenshot, and purges it again. Needs root and the
 * packages in packaging/ci-packages.txt. Prints build time, package and installed sizes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackageSystemTest {

    private static final Path INSTALL_DIR = Path.of("/opt/captivewatch");
    private static final Path COMMAND = Path.of("/usr/bin/captivewatch");
    private static final Path DESKTOP_FILE = Path.of("/usr/share/applications/captivewatch.desktop");
    private static final Path METAINFO = Path.of("/usr/share/metainfo/io.captivewatch.CaptiveWatch.metainfo.xml");
    private static final Path INSTALLED_JAR = INSTALL_DIR.resolve("lib/app/captivewatch.jar");

    private final Path root = Path.of("").toAbsolutePath();
    private final Path appDir = Path.of(System.getProperty("captivewatch.appDir", "target/app")).toAbsolutePath();
    private final Path screenshots = Path.of(System.getProperty("captivewatch.screenshots", "target/screenshots")).toAbsolutePath();
    private final Path dest = root.resolve("target/installer-systemtest");
    private boolean installed;

    @BeforeAll
    void buildAndInstall() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommands("jpackage", "jlink", "jdeps", "fakeroot", "dpkg-deb", "objcopy",
                "desktop-file-validate", "apt-get", "dpkg-query", "du");
        Requirements.require(Files.isRegularFile(appDir.resolve("captivewatch.jar")),
                "target/app/captivewatch.jar (run `mvn package` first; failsafe runs after it)");
        Requirements.require(!Files.exists(INSTALL_DIR) && !Files.exists(COMMAND),
                "a machine without CaptiveWatch installed (found " + INSTALL_DIR + " or " + COMMAND + "; apt-get purge captivewatch)");

        long t0 = System.nanoTime();
        Run build = run(Duration.ofMinutes(10), Map.of(), "bash", root.resolve("packaging/build-installer.sh").toString(),
                "--fast", "--type", "deb", "--app-dir", appDir.toString(), "--dest", dest.toString());
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(build.exitCode).as("build-installer.sh output:\n%s", build.output).isZero();
        Path deb;
        try (Stream<Path> files = Files.list(dest)) {
            deb = files.filter(p -> p.getFileName().toString().matches("captivewatch_.*_amd64\\.deb|captivewatch_.*\\.deb"))
                    .findFirst().orElseThrow(() -> new AssertionError("no .deb in " + dest + "\n" + build.output));
        }
        System.out.printf("[deb] built %s in %.1f s: %.1f MiB%n", deb.getFileName(), buildMs / 1000.0, Files.size(deb) / 1048576.0);
        System.out.println("[deb] contents outside /opt/captivewatch/lib/runtime:");
        Run contents = run(Duration.ofSeconds(60), Map.of(), "dpkg-deb", "-c", deb.toString());
        contents.output.lines().filter(l -> !l.contains("/lib/runtime/")).forEach(l -> System.out.println("  " + l));

        long t1 = System.nanoTime();
        Run install = run(Duration.ofMinutes(10), Map.of("DEBIAN_FRONTEND", "noninteractive"),
                "apt-get", "install", "-y", "--no-install-recommends", deb.toString());
        installed = Files.exists(INSTALL_DIR);
        assertThat(install.exitCode).as("apt-get install output:\n%s", install.output).isZero();
        System.out.printf("[deb] apt-get install took %.1f s%n", (System.nanoTime() - t1) / 1e9);
        String dpkgSize = run(Duration.ofSeconds(30), Map.of(), "dpkg-query", "-W", "-f=${Installed-Size}", "captivewatch").output.strip();
        String du = run(Duration.ofSeconds(60), Map.of(), "du", "-sk", INSTALL_DIR.toString()).output.strip().split("\\s+")[0];
        System.out.printf("[deb] installed size: dpkg Installed-Size %s KiB, du %s %s KiB%n", dpkgSize, INSTALL_DIR, du);
    }

    @Test
    @Order(1)
    void installsTheCommandTheMenuEntryAndAppStreamMetadata() throws Exception {
        assertThat(Files.isSymbolicLink(COMMAND)).as(COMMAND + " is a symlink").isTrue();
        assertThat(COMMAND.toRealPath()).isEqualTo(INSTALL_DIR.resolve("bin/CaptiveWatch").toRealPath());
        assertThat(Files.isExecutable(COMMAND)).isTrue();
        assertThat(METAINFO).exists();

        Run validate = run(Duration.ofSeconds(30), Map.of(), "desktop-file-validate", DESKTOP_FILE.toString());
        assertThat(validate.exitCode).as(validate.output).isZero();
        assertThat(validate.output).doesNotContain("error");
        assertThat(Files.readString(DESKTOP_FILE)).contains("Exec=captivewatch\n", "Icon=io.captivewatch.CaptiveWatch\n");

        if (Requirements.hasCommand("appstreamcli")) {
            Run as = run(Duration.ofSeconds(60), Map.of(), "appstreamcli", "validate", "--no-net", METAINFO.toString());
            assertThat(as.exitCode).as(as.output).isZero();
        }
        // postinst made the class archives for this installation (make-class-archives.sh): the tray app's own (not
        // the fallback link to the runtime's), which the launcher names, and the login window's process's
        Path archive = INSTALL_DIR.resolve("lib/app/captivewatch.jsa");
        assertThat(Files.isSymbolicLink(archive)).as(archive + " is the app's own archive, not the fallback link").isFalse();
        assertThat(archive).isRegularFile();
        assertThat(Files.readString(INSTALL_DIR.resolve("lib/app/CaptiveWatch.cfg")))
                .contains("java-options=-XX:SharedArchiveFile=$APPDIR/captivewatch.jsa");
        assertThat(INSTALL_DIR.resolve("lib/app/login-window.jsa")).isRegularFile();
        // dpkg owns everything outside /opt, so uninstalling removes it
        Run owned = run(Duration.ofSeconds(30), Map.of(), "dpkg", "-L", "captivewatch");
        assertThat(owned.output).contains(COMMAND.toString(), DESKTOP_FILE.toString(), METAINFO.toString(),
                "/usr/share/icons/hicolor/256x256/apps/io.captivewatch.CaptiveWatch.png");
    }

    @Test
    @Order(2)
    void installedCommandChecksTheNetwork() throws Exception {
        requireInstalledClass("io/captivewatch/cli/Cli.class",
                "the CLI (io.captivewatch.cli.Cli) from the probe branch: merge `probe` into this branch");
        try (Loopback online = new Loopback(204, null); Loopback portal = new Loopback(302, "/login")) {
            Run ok = runInstalled(online.url("/generate_204"));
            assertThat(ok.exitCode).as(ok.output).isZero();
            JsonObject okJson = lastJsonObject(ok.output);
            assertThat(okJson.get("verdict").getAsString()).isEqualTo("online");

            Run captive = runInstalled(portal.url("/generate_204"));
            assertThat(captive.exitCode).as(captive.output).isEqualTo(10);
            JsonObject captiveJson = lastJsonObject(captive.output);
            assertThat(captiveJson.get("verdict").getAsString()).isEqualTo("captive");
            assertThat(captiveJson.get("loginUrl").getAsString()).isEqualTo(portal.url("/login"));
            assertThat(portal.requests()).isPositive();
        }
    }

    /**
     * The installed app (io.captivewatch.desktop.DesktopMain, from the tray branch) started with --minimized
     * under Xvfb with trayer ({@link XDisplay}): its icon is embedded and painted, and the screenshot is kept.
     * Without the desktop app in the package it fails with that message on purpose, rather than skipping quietly.
     */
    @Test
    @Order(3)
    void installedAppShowsItsTrayIcon() throws Exception {
        Requirements.requireCommands("Xvfb", "trayer", "xdotool", "import", "xwininfo");
        requireInstalledClass("io/captivewatch/desktop/DesktopMain.class",
                "the desktop app (io.captivewatch.desktop.DesktopMain) from the tray branch: merge `tray` "
                        + "(this test waits for it on purpose)");
        Files.createDirectories(screenshots);
        Path home = Files.createTempDirectory("captivewatch-home");
        try (XDisplay display = XDisplay.start()) {
            display.startTray();
            long t0 = System.nanoTime();
            ProcessBuilder pb = display.env(new ProcessBuilder(COMMAND.toString(), "--minimized", "--probe", "http://127.0.0.1:9/generate_204"));
            pb.environment().put("HOME", home.toString());
            pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
            // -Xshare:on: the JVM refuses to start unless the class archive maps; the log says where each class came from
            Path classLog = home.resolve("classes.log");
            pb.environment().put("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info:file=" + classLog);
            Process app = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                // An AWT tray icon is a "JavaEmbeddedFrame" window (class io-captivewatch-Main, AWT's WM_CLASS from
                // the main class) that trayer reparents into its panel; only our app runs on this private display.
                Await.until("the tray icon window (JavaEmbeddedFrame inside trayer)", () -> {
                    assertThat(app.isAlive()).as("the installed app exited early (exit %s)", app.isAlive() ? "" : app.exitValue()).isTrue();
                    return display.tool(10_000, "xwininfo", "-root", "-tree").out().contains("\"JavaEmbeddedFrame\"");
                }, Duration.ofSeconds(60));
                System.out.printf("[deb] tray icon embedded %.1f s after launch%n", (System.nanoTime() - t0) / 1e9);
                // Embedded is not yet painted: an empty Xvfb screen with trayer's panel has 2-3 colours, with the
                // icon drawn ~20 (anti-aliased edges). Screenshot until the icon is there.
                Path shot = screenshots.resolve("installed-tray.png");
                Await.until("the tray icon to be painted (screenshot with more than 8 colours)", () -> {
                    try {
                        return colours(display.screenshot(shot), 9) > 8;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e); // import itself failing will not get better
                    }
                }, Duration.ofSeconds(30));
                System.out.printf("[deb] tray icon painted %.1f s after launch; screenshot: %s%n", (System.nanoTime() - t0) / 1e9, shot);
                // The start came out of the archive: most classes the app loaded by now were mapped from it. Fewer
                // means packaging/linux/tray.classlist no longer matches the start path: run make-classlists.sh.
                java.util.List<String> loaded = Files.readAllLines(classLog).stream().filter(l -> l.contains(" source: ")).toList();
                long shared = loaded.stream().filter(l -> l.contains("source: shared objects file")).count();
                System.out.printf("[deb] classes loaded by the installed app: %d, from its class archive: %d%n", loaded.size(), shared);
                assertThat(loaded).isNotEmpty();
                assertThat((double) shared / loaded.size()).as("share of classes from the class archive (regenerate "
                        + "packaging/linux/tray.classlist with make-classlists.sh when this drops)").isGreaterThan(0.85);
            } finally { // before the display goes
                app.descendants().forEach(ProcessHandle::destroy);
                app.destroy();
                if (!app.waitFor(5, TimeUnit.SECONDS)) app.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } finally {
            deleteTree(home);
        }
    }

    /**
     * The installed app on a captive loopback portal: the login window opens in its own process, started from
     * the package's runtime ({@code /opt/captivewatch/lib/runtime/bin/java --login-window}), and when the
     * portal lets us through the window closes and that process ends while the app stays.
     */
    @Test
    @Order(4)
    void installedAppOpensTheLoginWindowInItsOwnProcessAndEndsIt() throws Exception {
        Requirements.requireCommands("Xvfb", "trayer", "xdotool", "import", "xwininfo");
        Path config = Files.createTempDirectory("captivewatch-config");
        new io.captivewatch.core.settings.SettingsStore(config).save(io.captivewatch.core.settings.Settings.defaults()
                .withCaptiveIntervalSeconds(1).withStartAtLogin(false));
        java.util.concurrent.atomic.AtomicBoolean captive = new java.util.concurrent.atomic.AtomicBoolean(true);
        HttpServer portal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + portal.getAddress().getPort();
        portal.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            if (ex.getRequestURI().getPath().equals("/login")) {
                byte[] page = "<html><body><h1>Installed-app portal</h1><form><button>Accept</button></form></body></html>"
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/html");
                ex.sendResponseHeaders(200, page.length);
                ex.getResponseBody().write(page);
            } else if (captive.get()) {
                ex.getResponseHeaders().set("Location", base + "/login");
                ex.sendResponseHeaders(302, -1);
            } else {
                ex.sendResponseHeaders(204, -1);
            }
            ex.close();
        });
        portal.start();
        try (XDisplay display = XDisplay.start()) {
            display.startTray();
            ProcessBuilder pb = display.env(new ProcessBuilder(COMMAND.toString(), "--minimized", "--config", config.toString(),
                    "--probe", base + "/generate_204"));
            pb.environment().put("JAVA_TOOL_OPTIONS", "-Xshare:on"); // the app and its login process: only with their archives
            Process app = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                Await.until("the login window", () -> !display.windowsNamed("^Sign in to the network").isEmpty(), Duration.ofSeconds(90));
                java.util.List<ProcessHandle> children = app.descendants()
                        .filter(h -> h.info().arguments().map(a -> java.util.Arrays.asList(a).contains("--login-window")).orElse(false))
                        .toList();
                assertThat(children).as("one login-window process under the app").hasSize(1);
                ProcessHandle child = children.get(0);
                assertThat(child.info().command().orElse("")).as("started from the package's own runtime")
                        .isEqualTo(INSTALL_DIR.resolve("lib/runtime/bin/java").toString());
                // with the installation's class archive (-Xshare:on, inherited through JAVA_TOOL_OPTIONS: the child
                // would not have started had it not mapped)
                assertThat(java.util.Arrays.asList(child.info().arguments().orElse(new String[0])))
                        .contains("-XX:SharedArchiveFile=" + INSTALL_DIR.resolve("lib/app/login-window.jsa"));
                display.screenshot(screenshots.resolve("installed-login-window.png"));

                captive.set(false); // signed in: the app sees the network online and closes the window
                Await.until("the login window gone", () -> display.windowsNamed("^Sign in to the network").isEmpty(), Duration.ofSeconds(60));
                Await.until("the login-window process ended", () -> !child.isAlive(), Duration.ofSeconds(20));
                assertThat(app.isAlive()).as("the app itself keeps running").isTrue();
            } finally {
                app.descendants().forEach(ProcessHandle::destroy);
                app.destroy();
                if (!app.waitFor(5, TimeUnit.SECONDS)) app.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } finally {
            portal.stop(0);
            deleteTree(config);
        }
    }

    /** How many distinct colours {@code img} has, counting no further than {@code enough}. */
    private static int colours(BufferedImage img, int enough) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                seen.add(img.getRGB(x, y) & 0xffffff);
                if (seen.size() >= enough) return seen.size();
            }
        }
        return seen.size();
    }

    @Test
    @Order(99)
    void purgeRemovesEverything() throws Exception {
        Run purge = run(Duration.ofMinutes(5), Map.of("DEBIAN_FRONTEND", "noninteractive"), "apt-get", "purge", "-y", "captivewatch");
        installed = Files.exists(INSTALL_DIR);
        assertThat(purge.exitCode).as(purge.output).isZero();
        assertThat(INSTALL_DIR).doesNotExist();
        assertThat(Files.exists(COMMAND, LinkOption.NOFOLLOW_LINKS)).as(COMMAND + " after purge").isFalse();
        assertThat(DESKTOP_FILE).doesNotExist();
        assertThat(METAINFO).doesNotExist();
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (installed || Files.exists(INSTALL_DIR)) {
            run(Duration.ofMinutes(5), Map.of("DEBIAN_FRONTEND", "noninteractive"), "apt-get", "purge", "-y", "captivewatch");
        }
        deleteTree(dest);
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private Run runInstalled(String probeUrl) throws Exception {
        long t0 = System.nanoTime();
        Run r = run(Duration.ofSeconds(90), Map.of(), COMMAND.toString(), "check", "--probe", probeUrl, "--json", "--timeout", "5000");
        System.out.printf("[deb] captivewatch check %s: exit %d in %.1f s%n", probeUrl, r.exitCode, (System.nanoTime() - t0) / 1e9);
        return r;
    }

    private static void requireInstalledClass(String entry, String what) throws IOException {
        try (ZipFile jar = new ZipFile(INSTALLED_JAR.toFile())) {
            if (jar.getEntry(entry) == null) {
                fail("The installed app has no " + entry + ": this test needs " + what);
            }
        }
    }

    /** The last line of the output that parses as a JSON object (the launcher may print warnings before it). */
    private static JsonObject lastJsonObject(String output) {
        int start = output.indexOf('{');
        int end = output.lastIndexOf('}');
        assertThat(start).as("JSON in output:\n%s", output).isNotNegative();
        return JsonParser.parseString(output.substring(start, end + 1)).getAsJsonObject();
    }

    private record Run(int exitCode, String output) {}

    /** Runs a command to its end, within {@code bound} (killed after), and returns exit code and output. */
    private static Run run(Duration bound, Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(pb.environment());
        environment.putAll(env);
        pb.environment().putAll(environment);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " did not finish within " + bound.toSeconds() + " s; output so far:\n"
                    + out.getNow("(none)"));
        }
        return new Run(p.exitValue(), out.get(30, TimeUnit.SECONDS));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** A loopback HTTP server answering every request with one status (and Location), counting requests. */
    private static final class Loopback implements AutoCloseable {
        private final HttpServer server;
        private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

        Loopback(int status, String locationPath) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                if (locationPath != null) exchange.getResponseHeaders().set("Location", url(locationPath));
                byte[] body = status == 204 ? new byte[0] : "<html><body><a href=\"/login\">Log in</a></body></html>".getBytes(StandardCharsets.UTF_8);
                if (body.length > 0) exchange.getResponseHeaders().set("Content-Type", "text/html");
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
