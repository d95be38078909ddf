package io.captivewatch.core.capport;

import java.util.List;
import java.util.Optional;

/**
 * A source of DHCP/RA leases (udhcpc hook files, systemd-networkd, NetworkManager, dhclient, macOS ipconfig):
 * one reader per source, which the capport discovery (option 114) and the network-DNS discovery
 * ({@link io.captivewatch.core.dns.NetworkDnsDiscovery}) both use. Implementations never throw and bound
 * every command they run.
 */
public interface LeaseSource extends CapportDiscovery {
    /** The leases this source knows now, the most relevant (default-route interface, newest) first. */
    List<Lease> leases();

    /** The first lease's API URI. */
    @Override
    default Optional<DiscoveredUri> discover() {
        for (Lease l : leases()) {
            if (l.portalApi().isPresent()) return l.portalApi();
        }
        return Optional.empty();
    }

    /** The first lease that names DNS servers. */
    default Optional<Lease> dnsLease() {
        for (Lease l : leases()) {
            if (!l.dnsServers().isEmpty()) return Optional.of(l);
        }
        return Optional.empty();
    }
}
