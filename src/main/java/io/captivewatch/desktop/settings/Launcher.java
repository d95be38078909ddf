package io.captivewatch.desktop.settings;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The command that starts this installation, as every {@link Autostart} entry registers it. */
final class Launcher {
    private Launcher() {}

    /**
     * The jpackage launcher when there is one (system property {@code jpackage.app-path}), else
     * {@code java -jar <the jar this class came from>}, else empty.
     */
    static Optional<List<String>> detect() {
        String appPath = System.getProperty("jpackage.app-path");
        if (appPath != null && !appPath.isBlank()) {
            return Optional.of(List.of(Path.of(appPath).toAbsolutePath().toString()));
        }
        try {
            var source = Autostart.class.getProtectionDomain().getCodeSource();
            if (source == null) return Optional.empty();
            Path location = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(location) || !location.toString().endsWith(".jar")) return Optional.empty();
            Path java = Path.of(System.getProperty("java.home"), "bin",
                    System.getProperty("os.name", "").startsWith("Windows") ? "javaw.exe" : "java");
            return Optional.of(List.of(java.toString(), "-jar", location.toAbsolutePath().toString()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The launcher, or {@link IllegalStateException} when the app is not installed (nothing to start at login). */
    static List<String> require(Optional<List<String>> launcher) {
        return launcher.filter(l -> !l.isEmpty()).orElseThrow(() -> new IllegalStateException(
                "CaptiveWatch is not installed (no jpackage launcher and not started from its jar), "
                        + "so there is nothing to start at login"));
    }
}
