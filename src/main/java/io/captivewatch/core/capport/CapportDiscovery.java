package io.captivewatch.core.capport;

import io.captivewatch.core.os.CommandRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the network's Captive Portal API URI (RFC 8910). One interface, many sources: an explicit
 * override, busybox udhcpc (through our hook), systemd-networkd, NetworkManager, dhclient lease
 * files, macOS {@code ipconfig}. Implementations never throw and bound every command they run.
 */
@FunctionalInterface
public interface CapportDiscovery {
    /** The API URI if this source knows one now. */
    Optional<DiscoveredUri> discover();

    /** The network changed: drop anything remembered about the previous one. Sources that remember nothing ignore it. */
    default void forget() {}

    /** The first source that finds something wins; sources are asked in order. */
    static CapportDiscovery firstOf(List<? extends CapportDiscovery> sources) {
        List<CapportDiscovery> copy = List.copyOf(sources);
        return () -> {
            for (CapportDiscovery d : copy) {
                Optional<DiscoveredUri> found;
                try {
                    found = d.discover();
                } catch (RuntimeException e) {
                    continue; // a broken source must not hide the others
                }
                if (found.isPresent()) return found;
            }
            return Optional.empty();
        };
    }

    /**
     * Every source that makes sense on this OS, override first: on Linux udhcpc (hook files under
     * {@link UdhcpcLeaseDiscovery#DEFAULT_DIR}), networkd, NetworkManager, dhclient; on macOS ipconfig.
     */
    static CapportDiscovery defaults() {
        return defaults(CommandRunner.system());
    }

    /** {@link #defaults()} with a given command runner. */
    static CapportDiscovery defaults(CommandRunner runner) {
        List<CapportDiscovery> sources = new ArrayList<>();
        sources.add(OverrideDiscovery.fromEnvironment());
        sources.addAll(leaseSources(runner));
        return firstOf(sources);
    }

    /**
     * The lease sources of this OS, in the order they are asked (also what the network-DNS discovery reads):
     * on Linux udhcpc (hook files), networkd, NetworkManager, dhclient; on macOS ipconfig; on Windows the
     * registry's DHCP values.
     */
    static List<LeaseSource> leaseSources(CommandRunner runner) {
        List<LeaseSource> sources = new ArrayList<>();
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            sources.add(new MacIpconfigDiscovery(runner, List.of("en0", "en1")));
        } else if (os.contains("windows")) {
            sources.add(new WindowsDhcpDnsSource(runner));
        } else if (os.contains("linux")) {
            sources.add(new UdhcpcLeaseDiscovery(UdhcpcLeaseDiscovery.configuredDir()));
            sources.add(new NetworkdDiscovery(runner));
            sources.add(new NetworkManagerDiscovery(runner));
            sources.add(new DhclientLeaseDiscovery(List.of(Path.of("/var/lib/dhcp"), Path.of("/var/lib/dhclient"),
                    Path.of("/var/lib/NetworkManager"))));
        }
        return sources;
    }
}
