package io.captivewatch.core.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Linux: {@code ip -o monitor link address route}, one hint per output line (lines capped at 4 KiB). */
public final class IpMonitorHints implements ChangeHintSource {
    private static final int MAX_LINE = 4096;
    /** Running helper processes, stopped by a JVM shutdown hook so SIGTERM / System.exit leave no orphan behind. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroy), "captivewatch-ip-monitor-reaper"));
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
    private final List<String> command;

    public IpMonitorHints() {
        this(List.of("ip", "-o", "monitor", "link", "address", "route"));
    }

    /** A different command (tests: a script that prints lines). */
    public IpMonitorHints(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public Handle start(Listener listener) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException | RuntimeException e) {
            listener.ended("cannot run " + command.get(0) + ": " + e.getMessage());
            return () -> {};
        }
        RUNNING.add(p);
        Thread t = new Thread(() -> {
            String why = command.get(0) + " exited";
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = r.read()) != -1) {
                    if (c == '\n') {
                        listener.hint(line.toString());
                        line.setLength(0);
                    } else if (line.length() < MAX_LINE) {
                        line.append((char) c);
                    }
                }
            } catch (IOException e) {
                why = command.get(0) + " output failed: " + e.getMessage();
            } finally {
                p.destroy();
                RUNNING.remove(p);
            }
            listener.ended(why);
        }, "captivewatch-ip-monitor");
        t.setDaemon(true);
        t.start();
        return () -> {
            RUNNING.remove(p);
            p.destroy();
            try {
                if (!p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        };
    }
}
