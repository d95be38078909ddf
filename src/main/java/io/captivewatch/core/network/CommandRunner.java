package io.captivewatch.core.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs short OS commands with a timeout and an output cap. Missing commands are not errors: empty result. */
public interface CommandRunner {

    /** Output of a finished command. */
    record Result(int exitCode, String stdout) {}

    /** Runs {@code cmd}; empty if it is missing, failed to start, or timed out (then it is killed). */
    Optional<Result> run(List<String> cmd, Duration timeout);

    /** The real one: stdout capped at {@code maxBytes}, stderr discarded, stdin closed. */
    static CommandRunner system(int maxBytes) {
        return (cmd, timeout) -> {
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(false)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice())))
                        .start();
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            java.util.concurrent.atomic.AtomicReference<byte[]> holder = new java.util.concurrent.atomic.AtomicReference<>();
            Thread reader = new Thread(() -> {
                try (InputStream in = p.getInputStream()) {
                    holder.set(in.readNBytes(maxBytes));
                    in.transferTo(java.io.OutputStream.nullOutputStream()); // drain so the child can exit
                } catch (IOException e) {
                    // ignored: partial output is fine
                }
            }, "captivewatch-cmd-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) + 200);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            byte[] out = holder.get();
            if (out == null) out = new byte[0];
            return Optional.of(new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8)));
        };
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows") ? "NUL" : "/dev/null";
    }
}
