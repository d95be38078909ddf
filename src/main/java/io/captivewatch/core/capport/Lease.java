package io.captivewatch.core.capport;

import java.util.List;
import java.util.Optional;

/**
 * What one DHCP/RA lease source says about the current network: the Captive Portal API URI it handed out
 * (RFC 8910) and the DNS servers it handed out, which may differ from the ones the system uses (custom DNS,
 * VPN, DNS-over-HTTPS). Each source has one reader that yields both ({@link LeaseSource#leases()}).
 *
 * @param portalApi  the API URI, if the lease carries one
 * @param dnsServers IP literals of the network's DNS servers, in the lease's order (may be empty)
 * @param source     where it came from, for humans
 */
public record Lease(Optional<DiscoveredUri> portalApi, List<String> dnsServers, String source) {
    public Lease {
        dnsServers = List.copyOf(dnsServers);
    }

    /** Splits a list of addresses as lease files and tools print them (spaces, commas, braces). */
    public static List<String> addresses(String text) {
        List<String> out = new java.util.ArrayList<>();
        if (text == null) return out;
        for (String t : text.split("[\\s,{};]+")) {
            String a = t.trim();
            if (a.isEmpty() || out.contains(a) || out.size() >= 8) continue;
            if (a.matches("\\d{1,3}(\\.\\d{1,3}){3}") || a.matches("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(%\\w+)?")) out.add(a);
        }
        return out;
    }
}
