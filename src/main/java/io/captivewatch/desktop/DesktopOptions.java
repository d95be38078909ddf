package io.captivewatch.desktop;

import io.captivewatch.core.i18n.Messages;
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

    /** Usage text for errors, in the process's language. */
    public static String usage() {
        return Messages.t("desktop.usage");
    }

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
                        throw new UsageException(Messages.t("desktop.error.probeUrl", v));
                    }
                    try {
                        probes.add(ProbeSpec.parse(v));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--probe: " + e.getMessage());
                    }
                }
                case "--config" -> {
                    if (value == null) value = next(args, ++i, a);
                    if (value.isBlank()) throw new UsageException(Messages.t("cli.error.needsValue", a));
                    try {
                        config = Path.of(value);
                    } catch (InvalidPathException e) {
                        throw new UsageException(Messages.t("cli.error.configNotDir", value));
                    }
                }
                case "--minimized" -> {
                    if (value != null) throw new UsageException(Messages.t("cli.error.noValue", a));
                    minimized = true;
                }
                default -> throw new UsageException(Messages.t("cli.error.unknownOption", a));
            }
        }
        return new DesktopOptions(probes, Optional.ofNullable(config), minimized);
    }

    private static String next(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) throw new UsageException(Messages.t("cli.error.needsValue", option));
        return args.get(i);
    }
}
