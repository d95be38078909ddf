package io.captivewatch.desktop;

import io.captivewatch.core.probe.ProbeSpec;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The desktop app's command line: {@code [--probe URL]... [--config DIR] [--minimized]}; a probe is written as
 * {@code check --probe} takes it ({@link ProbeSpec#parse}: a URL, optionally with its genuine answer).
 *
 * @param probes    probes that replace the configured ones for this run (empty: use settings)
 * @param configDir the settings directory, or empty for the OS default
 * @param minimized start without showing a window
 */
public record DesktopOptions(List<ProbeSpec> probes, Optional<Path> configDir, boolean minimized) {

    /** Usage text for errors. */
    public static final String USAGE = "usage: captivewatch [--probe URL]... [--config DIR] [--minimized]";

    /** A bad command line; the message is one line for people. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public DesktopOptions {
        probes = List.copyOf(probes);
    }

    /** Parses the arguments; throws on anything unknown, a missing value, or a probe ProbeSpec.parse refuses. */
    public static DesktopOptions parse(List<String> args) throws UsageException {
        List<ProbeSpec> probes = new ArrayList<>();
        Path config = null;
        boolean minimized = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--probe" -> {
                    if (value == null) value = next(args, ++i, a);
                    String v = value;
                    String url = v.strip().split("\\s+", 2)[0];
                    if (io.captivewatch.core.url.SafeUrl.parse(url).filter(x -> url.contains("://")).isEmpty()) {
                        throw new UsageException("--probe needs an absolute http:// or https:// URL, got: " + v);
                    }
                    try {
                        probes.add(ProbeSpec.parse(v));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--probe: " + e.getMessage());
                    }
                }
                case "--config" -> {
                    if (value == null) value = next(args, ++i, a);
                    if (value.isBlank()) throw new UsageException("--config needs a directory");
                    try {
                        config = Path.of(value);
                    } catch (InvalidPathException e) {
                        throw new UsageException("--config: not a usable path: " + value);
                    }
                }
                case "--minimized" -> {
                    if (value != null) throw new UsageException("--minimized takes no value");
                    minimized = true;
                }
                default -> throw new UsageException("unknown option: " + a);
            }
        }
        return new DesktopOptions(probes, Optional.ofNullable(config), minimized);
    }

    private static String next(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) throw new UsageException(option + " needs a value");
        return args.get(i);
    }
}
