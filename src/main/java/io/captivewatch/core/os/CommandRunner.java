package io.captivewatch.core.os;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an OS tool (networkctl, nmcli, ip, iw, reg, ipconfig) with a time limit and a cap on the output kept.
 * A functional interface so tests can feed recorded tool output; {@link #system()} runs real processes.
 */
@FunctionalInterface
public interface CommandRunner {
    /** Output beyond this many bytes is discarded (the process is still drained so it cannot block). */
    int MAX_OUTPUT = 256 * 1024;

    /**
     * What a command did.
     *
     * @param exitCode  its exit code, -1 if it timed out or could not start, {@link #NOT_FOUND} if the program
     *                  is not installed
     * @param stdout    standard output (UTF-8, at most {@link #MAX_OUTPUT} bytes)
     * @param timedOut  whether it was killed at the deadline
     * @param problem   why it could not run, empty if it ran
     */
    record Result(int exitCode, String stdout, boolean timedOut, Optional<String> problem) {
        /** The exit code for a program that is not installed, as a POSIX shell reports a command it cannot find. */
        public static final int NOT_FOUND = 127;

        /** A command that ran to the end with exit code 0. */
        public static Result success(String stdout) {
            return new Result(0, stdout, false, Optional.empty());
        }

        public boolean ok() {
            return exitCode == 0 && !timedOut && problem.isEmpty();
        }

        /** A command that could not run, with why. */
        public static Result failed(String why) {
            return new Result(-1, "", false, Optional.of(why));
        }

        /** A command that could not run because {@code program} is not installed. */
        public static Result notFound(String program) {
            return new Result(NOT_FOUND, "", false, Optional.of(program + " not found"));
        }

        /**
         * Whether the program is not installed, so asking it anything else is pointless. Only the runner says
         * so (it did not run); a program that ran and exited 127 itself was found.
         */
        public boolean commandNotFound() {
            return exitCode == NOT_FOUND && problem.isPresent();
        }
    }

    /** Runs {@code command} (program and arguments, no shell), bounded by {@code timeout}. Never throws. */
    Result run(List<String> command, Duration timeout);

    /** The real thing: {@link ProcessBuilder}, stderr discarded, killed (with its children) at the deadline. */
    static CommandRunner system() {
        return (command, timeout) -> runProcess(command, timeout, false);
    }

    /**
     * As {@link #system()}, with stderr kept in {@link Result#stdout()} after (interleaved with) stdout: for
     * tools such as {@code reg.exe} that say why they failed only there.
     */
    static CommandRunner systemWithStderr() {
        return (command, timeout) -> runProcess(command, timeout, true);
    }

    private static Result runProcess(List<String> command, Duration timeout, boolean withStderr) {
        if (command.isEmpty()) return Result.failed("empty command");
        if (!onPath(command.get(0))) return Result.notFound(command.get(0));
        Process p;
        try {
            ProcessBuilder b = new ProcessBuilder(command);
            if (withStderr) b.redirectErrorStream(true);
            else b.redirectError(ProcessBuilder.Redirect.DISCARD);
            p = b.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice()))).start();
        } catch (IOException | RuntimeException e) {
            return Result.failed("cannot start " + command.get(0) + ": " + e.getMessage());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> drain(p.getInputStream(), out), "captivewatch-cmd-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean done = p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(500, TimeUnit.MILLISECONDS);
            }
            reader.join(500);
            String text;
            synchronized (out) {
                text = out.toString(StandardCharsets.UTF_8);
            }
            return done ? new Result(p.exitValue(), text, false, Optional.empty())
                    : new Result(-1, text, true, Optional.empty());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
    }

    /** Whether {@code program} is an absolute executable path or an executable on the PATH. */
    static boolean onPath(String program) {
        if (program.contains("/")) return Files.isExecutable(Path.of(program));
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win") ? "NUL" : "/dev/null";
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (out) {
                    int room = MAX_OUTPUT - out.size();
                    if (room > 0) out.write(buf, 0, Math.min(room, n));
                }
            }
        } catch (IOException ignored) {
            // process killed or closed its output: keep what we have
        }
    }
}
