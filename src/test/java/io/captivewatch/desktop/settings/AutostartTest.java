package io.captivewatch.desktop.settings;

import io.captivewatch.core.os.CommandRunner;
import io.captivewatch.core.os.CommandRunner.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutostartTest {

    private static final Optional<List<String>> INSTALLED = Optional.of(List.of("/opt/captivewatch/bin/CaptiveWatch"));

    @Test
    void xdgEntryIsWrittenUnderXdgConfigHomeAndRemovedAgain(@TempDir Path tmp) throws IOException {
        Path config = Autostart.Xdg.configHome(tmp.resolve("xdg").toString(), tmp.resolve("home"));
        var autostart = new Autostart.Xdg(config, INSTALLED);
        assertThat(autostart.isEnabled()).isFalse();

        autostart.enable();

        Path file = tmp.resolve("xdg/autostart/captivewatch.desktop");
        assertThat(autostart.file()).isEqualTo(file);
        assertThat(autostart.location()).isEqualTo(file.toString());
        assertThat(autostart.isEnabled()).isTrue();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).first().isEqualTo("[Desktop Entry]");
        assertThat(lines).contains("Type=Application", "Name=CaptiveWatch",
                "Exec=/opt/captivewatch/bin/CaptiveWatch --minimized", "X-GNOME-Autostart-enabled=true");
        // nothing left behind by the atomic write
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("captivewatch.desktop");
        }

        autostart.disable();
        assertThat(file).doesNotExist();
        assertThat(autostart.isEnabled()).isFalse();
        autostart.disable(); // twice is fine
    }

    @Test
    void xdgConfigHomeFallsBackToDotConfigWhenUnsetOrRelative(@TempDir Path home) {
        assertThat(Autostart.Xdg.configHome(null, home)).isEqualTo(home.resolve(".config"));
        assertThat(Autostart.Xdg.configHome("", home)).isEqualTo(home.resolve(".config"));
        assertThat(Autostart.Xdg.configHome("relative/dir", home)).isEqualTo(home.resolve(".config"));
        assertThat(Autostart.Xdg.configHome("/etc/xdg-test", home)).isEqualTo(Path.of("/etc/xdg-test"));
    }

    @Test
    void xdgEntryTheUserSwitchedOffCountsAsDisabled(@TempDir Path tmp) throws IOException {
        var autostart = new Autostart.Xdg(tmp, INSTALLED);
        autostart.enable();
        Files.writeString(autostart.file(), Files.readString(autostart.file()) + "Hidden=true\n");
        assertThat(autostart.isEnabled()).isFalse();
        autostart.enable(); // rewrites the entry: on again
        assertThat(autostart.isEnabled()).isTrue();
    }

    @Test
    void xdgExecQuotesPathsWithSpacesAndSpecialCharacters() {
        String entry = Autostart.Xdg.desktopEntry(List.of("/usr/bin/java", "-jar", "/home/me/My Apps/100%/cw$1.jar"));
        // Exec quoting: "..." around the argument, \$ inside quotes, %% for a literal %, and the whole
        // value escaped once more as a desktop-entry string (\ -> \\).
        assertThat(entry).contains("Exec=/usr/bin/java -jar \"/home/me/My Apps/100%%/cw\\\\$1.jar\" --minimized\n");
    }

    @Test
    void xdgEntryIsValidPerDesktopFileValidateWhenAvailable(@TempDir Path tmp) throws Exception {
        var autostart = new Autostart.Xdg(tmp, Optional.of(List.of("/opt/Captive Watch/bin/CaptiveWatch")));
        autostart.enable();
        Path validator = Path.of("/usr/bin/desktop-file-validate");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(validator), "desktop-file-validate not installed");
        Process p = new ProcessBuilder(validator.toString(), autostart.file().toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("error");
    }

    @Test
    void enableWithoutLauncherSaysWhyAndWritesNothing(@TempDir Path tmp) throws IOException {
        var autostart = new Autostart.Xdg(tmp, Optional.empty());
        assertThat(autostart.canEnable()).isFalse();
        assertThatThrownBy(autostart::enable).isInstanceOf(IllegalStateException.class).hasMessageContaining("not installed");
        assertThat(autostart.isEnabled()).isFalse();
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void macLaunchAgentIsAWellFormedPlistThatRunsTheLauncherMinimizedAtLoad(@TempDir Path home) throws Exception {
        var launcher = Optional.of(List.of("/Applications/CaptiveWatch.app/Contents/MacOS/CaptiveWatch & <co>"));
        var agent = new Autostart.LaunchAgent(home, launcher);
        assertThat(agent.isEnabled()).isFalse();

        agent.enable();

        Path file = home.resolve("Library/LaunchAgents/io.captivewatch.CaptiveWatch.plist");
        assertThat(agent.file()).isEqualTo(file);
        assertThat(agent.isEnabled()).isTrue();
        String xml = Files.readString(file);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        var dict = doc.getDocumentElement().getElementsByTagName("dict").item(0);
        List<String> keys = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        var children = dict.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            var n = children.item(i);
            if ("key".equals(n.getNodeName())) keys.add(n.getTextContent());
        }
        var stringNodes = doc.getElementsByTagName("string");
        for (int i = 0; i < stringNodes.getLength(); i++) strings.add(stringNodes.item(i).getTextContent());
        assertThat(keys).containsExactly("Label", "ProgramArguments", "RunAtLoad", "ProcessType", "LimitLoadToSessionType");
        assertThat(strings).containsExactly("io.captivewatch.CaptiveWatch",
                "/Applications/CaptiveWatch.app/Contents/MacOS/CaptiveWatch & <co>", "--minimized", "Interactive", "Aqua");
        assertThat(doc.getElementsByTagName("true").getLength()).isEqualTo(1);

        agent.disable();
        assertThat(file).doesNotExist();
        assertThat(agent.isEnabled()).isFalse();
    }

    @Test
    void windowsCommandLinesUseTheCurrentUsersRunKey() {
        List<String> launcher = List.of("C:\\Program Files\\CaptiveWatch\\CaptiveWatch.exe");
        assertThat(WindowsRunKey.runValue(launcher))
                .isEqualTo("\"C:\\Program Files\\CaptiveWatch\\CaptiveWatch.exe\" --minimized");
        assertThat(WindowsRunKey.enableCommand(launcher)).containsExactly(
                "reg", "add", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "/v", "CaptiveWatch",
                "/t", "REG_SZ", "/d", "\\\"C:\\Program Files\\CaptiveWatch\\CaptiveWatch.exe\\\" --minimized", "/f");
        assertThat(WindowsRunKey.disableCommand()).containsExactly(
                "reg", "delete", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "/v", "CaptiveWatch", "/f");
        assertThat(WindowsRunKey.queryCommand()).containsExactly(
                "reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "/v", "CaptiveWatch");
        assertThat(WindowsRunKey.runValue(List.of("C:\\cw\\CaptiveWatch.exe"))).isEqualTo("C:\\cw\\CaptiveWatch.exe --minimized");
    }

    @Test
    void windowsRunKeyRunsRegAndReportsItsFailures() throws IOException {
        // A fake registry behind the command runner: the commands are built, not run.
        Set<String> registry = new java.util.HashSet<>();
        List<List<String>> ran = new ArrayList<>();
        boolean[] failAdd = {false};
        CommandRunner fake = (command, timeout) -> {
            ran.add(command);
            String verb = command.get(1);
            switch (verb) {
                case "query": return ran(registry.contains(command.get(4)) ? 0 : 1, "");
                case "add":
                    if (failAdd[0]) return ran(1, "ERROR: Access is denied.\r\n");
                    registry.add(command.get(4));
                    return ran(0, "The operation completed successfully.");
                case "delete": return ran(registry.remove(command.get(4)) ? 0 : 1, "");
                default: return Result.failed("unexpected " + command);
            }
        };
        var key = new WindowsRunKey(Optional.of(List.of("C:\\cw\\CaptiveWatch.exe")), fake);
        assertThat(key.location()).isEqualTo("HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\CaptiveWatch");
        assertThat(key.isEnabled()).isFalse();
        key.enable();
        assertThat(key.isEnabled()).isTrue();
        key.disable();
        assertThat(key.isEnabled()).isFalse();
        key.disable(); // not there: only queried, no delete that would fail
        assertThat(ran.stream().map(c -> c.get(1)).collect(Collectors.toList()))
                .containsExactly("query", "add", "query", "query", "delete", "query", "query");

        failAdd[0] = true;
        assertThatThrownBy(key::enable).isInstanceOf(IOException.class).hasMessageContaining("Access is denied");
    }

    private static Result ran(int exit, String output) {
        return new Result(exit, output, false, Optional.empty());
    }

    @Test
    void windowsRunKeyTurnsARegThatCannotRunOrHangsIntoAnIOException() {
        var missing = new WindowsRunKey(Optional.of(List.of("C:\\cw\\CaptiveWatch.exe")), (c, t) -> Result.notFound("reg"));
        assertThatThrownBy(missing::isEnabled).isInstanceOf(IOException.class).hasMessageContaining("reg not found");
        var hung = new WindowsRunKey(Optional.of(List.of("C:\\cw\\CaptiveWatch.exe")),
                (c, t) -> new Result(-1, "", true, Optional.empty()));
        assertThatThrownBy(hung::enable).isInstanceOf(IOException.class).hasMessageContaining("did not finish within 15 s");
    }

    @Test
    void forCurrentOsOnThisMachineUsesXdgUnderTheUsersConfig() {
        String os = System.getProperty("os.name");
        org.junit.jupiter.api.Assumptions.assumeTrue(os.startsWith("Linux"), "XDG case runs on Linux");
        Autostart autostart = Autostart.forCurrentOs(INSTALLED);
        assertThat(autostart).isInstanceOf(Autostart.Xdg.class);
        assertThat(autostart.location()).endsWith("/autostart/captivewatch.desktop");
        assertThat(autostart.canEnable()).isTrue();
    }

    @Test
    void detectLauncherPrefersTheJpackageLauncher() {
        String before = System.getProperty("jpackage.app-path");
        try {
            System.setProperty("jpackage.app-path", "/opt/captivewatch/bin/CaptiveWatch");
            assertThat(Autostart.detectLauncher()).contains(List.of("/opt/captivewatch/bin/CaptiveWatch"));
            System.clearProperty("jpackage.app-path");
            // tests run from target/classes, not a jar: nothing worth starting at login
            assertThat(Autostart.detectLauncher()).isEmpty();
        } finally {
            if (before != null) System.setProperty("jpackage.app-path", before);
            else System.clearProperty("jpackage.app-path");
        }
    }

    @Test
    void packagingLaunchAgentTemplateIsWhatTheAppWrites() throws IOException {
        // packaging/macos/io.captivewatch.CaptiveWatch.plist documents the agent; keep it in step with the code.
        String template = Files.readString(Path.of("packaging/macos/io.captivewatch.CaptiveWatch.plist"))
                .replaceAll("(?s)<!--.*?-->\\n", "");
        assertThat(template).isEqualTo(Autostart.LaunchAgent.plist(
                List.of("/Applications/CaptiveWatch.app/Contents/MacOS/CaptiveWatch")));
        assertThat(Files.readString(Path.of("packaging/macos/Info.plist")))
                .containsPattern("<key>LSUIElement</key>\\s*<true/>");
    }
}
