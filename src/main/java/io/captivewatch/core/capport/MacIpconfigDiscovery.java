package io.captivewatch.core.capport;

import io.captivewatch.core.os.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** macOS: {@code ipconfig getoption IFACE 114} (prints the value, or nothing when absent). */
public final class MacIpconfigDiscovery implements CapportDiscovery {
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final CommandRunner runner;
    private final List<String> interfaces;

    /** Asks {@code ipconfig} through {@code runner} about each of {@code interfaces} in order. */
    public MacIpconfigDiscovery(CommandRunner runner, List<String> interfaces) {
        this.runner = runner;
        this.interfaces = List.copyOf(interfaces);
    }

    @Override
    public Optional<DiscoveredUri> discover() {
        for (String iface : interfaces) {
            CommandRunner.Result r = runner.run(List.of("ipconfig", "getoption", iface, "114"), TIMEOUT);
            if (r.commandNotFound()) break;
            if (!r.ok() || r.stdout().isBlank()) continue;
            Option114.Decoded d = Option114.fromAny(r.stdout().strip());
            if (d.uri().isPresent()) {
                return Optional.of(new DiscoveredUri(d.uri().get(), "macOS ipconfig getoption " + iface + " 114", d.warnings()));
            }
        }
        return Optional.empty();
    }
}
