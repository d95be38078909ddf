package io.captivewatch.core.dns;

import io.captivewatch.core.capport.Lease;
import io.captivewatch.core.capport.LeaseSource;
import io.captivewatch.core.network.NetworkSnapshot;
import io.captivewatch.core.network.ProcRoutes;
import io.captivewatch.core.os.CommandRunner;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the DNS servers this network handed out, whatever the system resolver uses: the same lease readers
 * as the captive-portal API discovery ({@link LeaseSource}: udhcpc hook files, systemd-networkd leases,
 * NetworkManager, dhclient leases, macOS ipconfig), else the default gateway, where most portals answer DNS.
 * Remembers its answer for {@link #MAX_AGE} (or until {@link #forget()}), so a check runs no tool twice.
 */
public final class NetworkDnsDiscovery {
    static final Duration MAX_AGE = Duration.ofSeconds(30);

    private final List<LeaseSource> sources;
    private final Supplier<List<NetworkSnapshot.Route>> defaultRoutes;
    private Optional<NetworkDns> cached;
    private long cachedAt;

    public NetworkDnsDiscovery(List<? extends LeaseSource> sources, Supplier<List<NetworkSnapshot.Route>> defaultRoutes) {
        this.sources = List.copyOf(sources);
        this.defaultRoutes = defaultRoutes;
    }

    /** This OS's lease sources and {@code /proc/net/route}'s default gateway. */
    public static NetworkDnsDiscovery defaults() {
        return new NetworkDnsDiscovery(io.captivewatch.core.capport.CapportDiscovery.leaseSources(CommandRunner.system()),
                () -> ProcRoutes.read(ProcRoutes.PROC_NET));
    }

    /** The network's DNS servers, if any source knows them. */
    public synchronized Optional<NetworkDns> find() {
        long now = System.nanoTime();
        if (cached != null && now - cachedAt < MAX_AGE.toNanos()) return cached;
        cached = look();
        cachedAt = now;
        return cached;
    }

    /** The network changed: ask the sources again next time. */
    public synchronized void forget() {
        cached = null;
    }

    private Optional<NetworkDns> look() {
        for (LeaseSource s : sources) {
            try {
                Optional<Lease> l = s.dnsLease();
                if (l.isPresent()) return Optional.of(new NetworkDns(l.get().dnsServers(), l.get().source()));
            } catch (RuntimeException e) {
                // a broken source must not hide the others
            }
        }
        try {
            for (NetworkSnapshot.Route r : defaultRoutes.get()) {
                if (!r.ipv6() && r.gateway() != null && !r.gateway().isBlank()) {
                    return Optional.of(new NetworkDns(List.of(r.gateway()), "the default gateway " + r.gateway() + " on " + r.iface()
                            + " (no DHCP lease named DNS servers)"));
                }
            }
        } catch (RuntimeException e) {
            // no routes readable
        }
        return Optional.empty();
    }
}
