package io.captivewatch.lab;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A long-running process of a lab test (watch, the desktop app): every stdout/stderr line is kept with the
 * time it arrived, tests wait (bounded) for a line matching a condition, {@link #close()} stops it (SIGTERM,
 * then SIGKILL for it and its children after a bound). Lines are capped in number and length.
 */
public final class LabProcess implements AutoCloseable {
    private static final int MAX_LINES = 10_000, MAX_LINE = 8 * 1024;

    /** One line of output and when it arrived ({@link System#nanoTime()}). */
    public record Line(long nanos, boolean stderr, String text) {}

    private final String name;
    private final Process process;
    private final List<Line> lines = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    private LabProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        pump(process.getInputStream(), false);
        pump(process.getErrorStream(), true);
    }

    /** Starts {@code command} with extra environment variables. */
    public static LabProcess start(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(env);
        return new LabProcess(name, pb.start());
    }

    public long startNanos() {
        return startNanos;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void pump(InputStream in, boolean stderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    if (s.length() > MAX_LINE) s = s.substring(0, MAX_LINE) + "...";
                    synchronized (lines) {
                        if (lines.size() < MAX_LINES) lines.add(new Line(System.nanoTime(), stderr, s));
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, name + "-pump");
        t.setDaemon(true);
        t.start();
    }

    /** All lines so far. */
    public List<Line> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** stdout lines only. */
    public List<Line> stdout() {
        return lines().stream().filter(l -> !l.stderr()).toList();
    }

    /**
     * Waits up to {@code timeout} for a stdout line, arriving after {@code afterNanos}, that matches; empty if
     * none came in time or the process ended without one.
     */
    public Optional<Line> await(Predicate<String> match, long afterNanos, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (Line l : lines) {
                    if (!l.stderr() && l.nanos() >= afterNanos && match.test(l.text())) return Optional.of(l);
                }
                long left = end - System.nanoTime();
                if (left <= 0) return Optional.empty();
                if (!process.isAlive()) {
                    lines.wait(Math.min(200, TimeUnit.NANOSECONDS.toMillis(left) + 1)); // let the pumps drain
                    for (Line l : lines) {
                        if (!l.stderr() && l.nanos() >= afterNanos && match.test(l.text())) return Optional.of(l);
                    }
                    return Optional.empty();
                }
                lines.wait(Math.min(200, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            }
        }
    }

    /** Everything it printed, for assertion messages. */
    public String transcript() {
        StringBuilder b = new StringBuilder();
        for (Line l : lines()) {
            b.append(String.format("%+8d ms %s %s%n", (l.nanos() - startNanos) / 1_000_000, l.stderr() ? "E" : "O", l.text()));
        }
        return b.toString();
    }

    /** SIGTERM, up to 5 s to exit, then SIGKILL for it and its descendants. */
    @Override
    public void close() {
        List<ProcessHandle> kids = process.descendants().toList();
        process.destroy();
        kids.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        kids.forEach(ProcessHandle::destroyForcibly);
    }
}
