package io.captivewatch.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Preconditions for tests that need more than the JDK: root, network namespaces, Xvfb, a tray host.
 * On a developer's laptop a missing one skips the test with the reason printed; in CI (env CI=true)
 * it fails the test, because CI installs everything and a skip there would hide a broken test.
 */
public final class Requirements {
    private Requirements() {}

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (laptop) or fails (CI) unless {@code ok}; {@code reason} says what is missing and how to get it. */
    public static void require(boolean ok, String reason) {
        if (ok) return;
        String message = "needs " + reason;
        if (inCi()) {
            throw new AssertionError("CI must run this test but it " + message);
        }
        System.out.println("[skipped] " + message);
        Assumptions.assumeTrue(false, message);
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Whether an executable is on the PATH. */
    public static boolean hasCommand(String name) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return true;
        }
        return false;
    }

    public static void requireRoot() {
        require(isRoot(), "root (network namespaces, dummy interfaces)");
    }

    public static void requireCommands(String... names) {
        for (String n : names) {
            require(hasCommand(n), "the '" + n + "' command (see .ci/run for the Debian packages)");
        }
    }

    /** Runs a command with a bound on time; returns its exit code, -1 if it timed out (and was killed). */
    public static int run(long timeoutMs, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
