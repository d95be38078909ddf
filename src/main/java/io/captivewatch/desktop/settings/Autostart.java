package io.captivewatch.desktop.settings;

import io.captivewatch.core.os.CommandRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Starting CaptiveWatch when the user logs in, the way each OS expects it:
 * <ul>
 *   <li>Linux and other XDG desktops: {@code $XDG_CONFIG_HOME/autostart/captivewatch.desktop}
 *       (default {@code ~/.config/autostart/});</li>
 *   <li>Windows: the value {@code CaptiveWatch} under {@code HKCU\Software\Microsoft\Windows\CurrentVersion\Run},
 *       written with {@code reg.exe};</li>
 *   <li>macOS: the LaunchAgent {@code ~/Library/LaunchAgents/io.captivewatch.CaptiveWatch.plist}.</li>
 * </ul>
 * Every entry starts the installed launcher with {@code --minimized} (tray only, no window).
 *
 * <p>The desktop shell wires it: at start, when {@code Settings.startAtLogin()} is true (the default)
 * and {@code !autostart.isEnabled()}, call {@link #enable()}; when the user turns the setting off,
 * {@link #disable()}. Use {@link #forCurrentOs()}, which finds the launcher that jpackage installed
 * (system property {@code jpackage.app-path}); when the app runs from a plain jar it uses
 * {@code java -jar <jar>}, and when it runs from classes (IDE, tests) there is nothing worth
 * starting at login and {@link #enable()} throws {@link IllegalStateException} ({@link #canEnable()} says so first).
 * Pure Java, no JavaFX, no AWT.
 */
public interface Autostart {

    /** The launch argument that starts the app in the tray without opening a window. */
    String MINIMIZED = "--minimized";

    /** The reverse-DNS identifier used for the macOS LaunchAgent label and the AppStream id. */
    String APP_ID = "io.captivewatch.CaptiveWatch";

    /** Whether an autostart entry is present and active. */
    boolean isEnabled() throws IOException;

    /**
     * Creates (or rewrites, so that it points at the current launcher) the autostart entry.
     *
     * @throws IllegalStateException when there is no launcher to start (see {@link #canEnable()})
     */
    void enable() throws IOException;

    /** Removes the autostart entry; nothing happens when there is none. */
    void disable() throws IOException;

    /** Whether {@link #enable()} has a launcher to register. */
    boolean canEnable();

    /** Where the entry lives (a file path or a registry key), for the settings window and logs. */
    String location();

    /** The autostart of the OS this JVM runs on, for the launcher found by {@link #detectLauncher()}. */
    static Autostart forCurrentOs() {
        return forCurrentOs(detectLauncher());
    }

    /**
     * The autostart of the OS this JVM runs on.
     *
     * @param launcher the command that starts the app (program and its arguments, without
     *                 {@code --minimized}); empty when the app is not installed
     */
    static Autostart forCurrentOs(Optional<List<String>> launcher) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.startsWith("windows")) {
            return new WindowsRunKey(launcher, CommandRunner.systemWithStderr());
        }
        if (os.startsWith("mac")) {
            return new LaunchAgent(home, launcher);
        }
        return new Xdg(Xdg.configHome(System.getenv("XDG_CONFIG_HOME"), home), launcher);
    }

    /**
     * The command that starts this installation: the jpackage launcher when there is one (system property
     * {@code jpackage.app-path}), else {@code java -jar <the jar this class came from>}, else empty.
     */
    static Optional<List<String>> detectLauncher() {
        return Launcher.detect();
    }

    /** Writes a file through a temporary sibling and an atomic rename, so a crash leaves old or new, never half. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            io.captivewatch.core.os.FileMoves.replace(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** An autostart that is one file the OS reads at login (XDG desktop entry, LaunchAgent). */
    abstract class FileEntry implements Autostart {
        final Path file;
        final Optional<List<String>> launcher;

        FileEntry(Path file, Optional<List<String>> launcher) {
            this.file = file;
            this.launcher = Objects.requireNonNull(launcher);
        }

        /** The file's content for a launcher command. */
        abstract String content(List<String> command);

        @Override
        public boolean isEnabled() throws IOException {
            return Files.isRegularFile(file);
        }

        @Override
        public void enable() throws IOException {
            writeAtomically(file, content(Launcher.require(launcher)));
        }

        @Override
        public void disable() throws IOException {
            Files.deleteIfExists(file);
        }

        @Override
        public boolean canEnable() {
            return launcher.isPresent();
        }

        @Override
        public String location() {
            return file.toString();
        }
    }

    /** XDG autostart (Linux, BSD desktops): a desktop entry in {@code <config home>/autostart/}. */
    final class Xdg extends FileEntry {

        /**
         * @param configHome the XDG config directory ({@code $XDG_CONFIG_HOME}, see {@link #configHome})
         * @param launcher   the command that starts the app, without {@code --minimized}
         */
        public Xdg(Path configHome, Optional<List<String>> launcher) {
            super(configHome.resolve("autostart").resolve("captivewatch.desktop"), launcher);
        }

        /** {@code $XDG_CONFIG_HOME} when set to an absolute path (as the spec demands), else {@code ~/.config}. */
        public static Path configHome(String xdgConfigHome, Path userHome) {
            if (xdgConfigHome != null && !xdgConfigHome.isBlank() && Path.of(xdgConfigHome).isAbsolute()) {
                return Path.of(xdgConfigHome);
            }
            return userHome.resolve(".config");
        }

        /** The desktop entry file. */
        public Path file() {
            return file;
        }

        @Override
        public boolean isEnabled() throws IOException {
            if (!Files.isRegularFile(file)) return false;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.equals("Hidden=true") || l.equals("X-GNOME-Autostart-enabled=false")) return false;
            }
            return true;
        }

        @Override
        String content(List<String> command) {
            return desktopEntry(command);
        }


        /** The desktop entry that starts {@code command} with {@code --minimized}. */
        public static String desktopEntry(List<String> command) {
            List<String> args = new ArrayList<>(command);
            args.add(MINIMIZED);
            StringBuilder exec = new StringBuilder();
            for (String a : args) {
                if (exec.length() > 0) exec.append(' ');
                exec.append(quoteExecArgument(a));
            }
            return "[Desktop Entry]\n"
                    + "Type=Application\n"
                    + "Name=CaptiveWatch\n"
                    + "Comment=Notice captive portals and open their login page\n"
                    + "Exec=" + escapeValue(exec.toString()) + "\n"
                    + "Icon=" + APP_ID + "\n"
                    + "Terminal=false\n"
                    + "NoDisplay=true\n"
                    + "X-GNOME-Autostart-enabled=true\n";
        }

        /**
         * Quotes one Exec argument per the Desktop Entry spec: arguments with reserved characters are put in
         * double quotes, inside which {@code " ` $ \} are backslash-escaped; {@code %} is doubled.
         */
        static String quoteExecArgument(String arg) {
            String a = arg.replace("%", "%%");
            boolean reserved = a.isEmpty();
            for (char c : a.toCharArray()) {
                if (" \t\n\"'\\><~|&;$*?#()`".indexOf(c) >= 0) {
                    reserved = true;
                    break;
                }
            }
            if (!reserved) return a;
            StringBuilder b = new StringBuilder("\"");
            for (char c : a.toCharArray()) {
                if (c == '"' || c == '`' || c == '$' || c == '\\') b.append('\\');
                b.append(c);
            }
            return b.append('"').toString();
        }

        /** Escapes a string value of a desktop entry ({@code \\}, {@code \n}, {@code \t}, {@code \r}). */
        static String escapeValue(String v) {
            return v.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
        }
    }

    /** macOS: a per-user LaunchAgent that runs the app at login. */
    final class LaunchAgent extends FileEntry {

        /**
         * @param userHome the user's home directory (the agent goes to {@code Library/LaunchAgents/})
         * @param launcher the command that starts the app, without {@code --minimized}
         */
        public LaunchAgent(Path userHome, Optional<List<String>> launcher) {
            super(userHome.resolve("Library").resolve("LaunchAgents").resolve(APP_ID + ".plist"), launcher);
        }

        /** The property list file. */
        public Path file() {
            return file;
        }


        @Override
        String content(List<String> command) {
            return plist(command);
        }


        /** The LaunchAgent property list that starts {@code command} with {@code --minimized} at login. */
        public static String plist(List<String> command) {
            StringBuilder args = new StringBuilder();
            List<String> all = new ArrayList<>(command);
            all.add(MINIMIZED);
            for (String a : all) {
                args.append("    <string>").append(xml(a)).append("</string>\n");
            }
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                    + "<plist version=\"1.0\">\n"
                    + "<dict>\n"
                    + "  <key>Label</key>\n"
                    + "  <string>" + APP_ID + "</string>\n"
                    + "  <key>ProgramArguments</key>\n"
                    + "  <array>\n"
                    + args
                    + "  </array>\n"
                    + "  <key>RunAtLoad</key>\n"
                    + "  <true/>\n"
                    + "  <key>ProcessType</key>\n"
                    + "  <string>Interactive</string>\n"
                    + "  <key>LimitLoadToSessionType</key>\n"
                    + "  <string>Aqua</string>\n"
                    + "</dict>\n"
                    + "</plist>\n";
        }

        static String xml(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\"", "&quot;").replace("'", "&apos;");
        }
    }
}
