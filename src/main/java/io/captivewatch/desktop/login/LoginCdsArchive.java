package io.captivewatch.desktop.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A class-data-sharing archive (AppCDS, {@code -XX:SharedArchiveFile}) for the login-window process: the
 * JavaFX, WebKit-glue and app classes it loads, pre-parsed and verified, which takes ≈0.3 s off each start
 * (docs/BENCHMARKS.md). The first process without an archive records one as it exits
 * ({@code -XX:ArchiveClassesAtExit}, into a temporary name); {@link #adopt} moves it into place once that
 * process ended well, so a half-written archive is never used. The name carries a hash of the runtime and the
 * class path (each jar's size and time), so an update makes a new one; the JVM also checks, and runs without
 * an archive that does not fit. Files live in the user's cache folder ({@code -Dcaptivewatch.cacheDir}
 * overrides it); {@code -Dcaptivewatch.loginCds=false} turns this off. An installation's own archive, made for it
 * at install time ({@link #installedArchive}), comes first: the first login window after an install is then as
 * quick as later ones.
 */
final class LoginCdsArchive {
    /**
     * The archive an installation made for this process (the deb's postinst, the rpm's %post:
     * packaging/linux/make-class-archives.sh), beside the app's jar.
     */
    static final String INSTALLED_NAME = "login-window.jsa";
    static final String CACHE_DIR_PROPERTY = "captivewatch.cacheDir";
    static final String ENABLED_PROPERTY = "captivewatch.loginCds";
    private static final String DUMP_OPTION = "-XX:ArchiveClassesAtExit=";
    private static final String TMP_MARK = ".recording-";

    private LoginCdsArchive() {}

    /**
     * JVM options for the next login-window process: use the archive when there is one, else record it.
     * Empty when switched off or when the cache folder cannot be made.
     */
    static List<String> jvmOptions(String classPath) {
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) return List.of();
        if (!allJars(classPath)) return List.of(); // the JVM archives classes from jars only
        Optional<Path> installed = installedArchive(classPath);
        if (installed.isPresent()) return List.of("-XX:SharedArchiveFile=" + installed.get());
        if (!hasBaseArchive(Path.of(System.getProperty("java.home")))) return List.of(); // a dynamic archive extends it
        Optional<Path> dir = cacheDir();
        if (dir.isEmpty()) return List.of();
        try {
            Files.createDirectories(dir.get());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        Path archive = dir.get().resolve("login-window-" + key(classPath) + ".jsa");
        if (Files.isRegularFile(archive) && Files.isReadable(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        Path recording = archive.resolveSibling(archive.getFileName() + TMP_MARK + ProcessHandle.current().pid());
        // the dump's own chatter (classes it skips) is not worth a line in the user's terminal
        return List.of(DUMP_OPTION + recording, "-Xlog:cds*=off:stderr");
    }

    /**
     * After a login-window process ended: if it was recording an archive and ended well, the recording becomes
     * the archive; otherwise the recording is removed.
     */
    static void adopt(List<String> command, int exitCode) {
        for (String arg : command) {
            if (!arg.startsWith(DUMP_OPTION)) continue;
            Path recording = Path.of(arg.substring(DUMP_OPTION.length()));
            String name = recording.getFileName().toString();
            int mark = name.lastIndexOf(TMP_MARK);
            if (mark < 0) return;
            Path archive = recording.resolveSibling(name.substring(0, mark));
            try {
                if (exitCode == 0 && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                    io.captivewatch.core.os.FileMoves.replace(recording, archive);
                } else {
                    Files.deleteIfExists(recording);
                }
            } catch (IOException | RuntimeException e) {
                // a cache: without it the next window starts a little slower, nothing else
            }
            return;
        }
    }

    /**
     * The archive the installation made for this class path ({@link #INSTALLED_NAME} beside its first jar), when it
     * is newer than every jar on it: made after them, so for them (an archive made for other jars would be turned
     * down by the JVM, which then runs with no class sharing at all). Empty otherwise, and then a process records
     * one of its own in the cache folder.
     */
    static Optional<Path> installedArchive(String classPath) {
        try {
            String[] entries = classPath.split(java.io.File.pathSeparator);
            Path dir = Path.of(entries[0]).toAbsolutePath().getParent();
            if (dir == null) return Optional.empty();
            Path archive = dir.resolve(INSTALLED_NAME);
            if (!Files.isRegularFile(archive, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(archive)) return Optional.empty();
            long made = Files.getLastModifiedTime(archive).toMillis();
            for (String entry : entries) {
                if (Files.getLastModifiedTime(Path.of(entry)).toMillis() > made) return Optional.empty();
            }
            return Optional.of(archive);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the runtime has its default CDS archive (a jlink image has one only with --generate-cds-archive). */
    static boolean hasBaseArchive(Path javaHome) {
        for (String vm : List.of("server", "client")) {
            if (Files.isRegularFile(javaHome.resolve("lib").resolve(vm).resolve("classes.jsa"))) return true;
        }
        return false;
    }

    static boolean allJars(String classPath) {
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty() || !entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) return false;
        }
        return true;
    }

    static Optional<Path> cacheDir() {
        String override = System.getProperty(CACHE_DIR_PROPERTY);
        if (override != null && !override.isBlank()) return Optional.of(Path.of(override));
        return cacheDir(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
    }

    static Optional<Path> cacheDir(String osName, Map<String, String> env, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            return local == null || local.isBlank() ? Optional.empty() : Optional.of(Path.of(local, "CaptiveWatch", "cache"));
        }
        if (home == null || home.isBlank()) return Optional.empty();
        if (os.startsWith("mac") || os.contains("darwin")) return Optional.of(Path.of(home, "Library", "Caches", "CaptiveWatch"));
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) return Optional.of(Path.of(xdg, "captivewatch"));
        return Optional.of(Path.of(home, ".cache", "captivewatch"));
    }

    /** 16 hex digits over the runtime (home, version) and every class-path entry with its size and time. */
    static String key(String classPath) {
        StringBuilder b = new StringBuilder();
        b.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n');
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            b.append(entry);
            try {
                Path p = Path.of(entry);
                if (Files.isRegularFile(p)) b.append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
            } catch (IOException | RuntimeException e) {
                b.append(" ?");
            }
            b.append('\n');
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
