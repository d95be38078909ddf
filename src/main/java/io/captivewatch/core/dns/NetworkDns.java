package io.captivewatch.core.dns;

import java.util.List;

/**
 * The DNS servers this network handed out (DHCP/RA), which may differ from the ones the system asks.
 *
 * @param servers IP literals, in the order the network gave them
 * @param source  where they came from, for humans ("udhcpc hook file ...", "default gateway 10.0.0.1")
 */
public record NetworkDns(List<String> servers, String source) {
    public NetworkDns {
        servers = List.copyOf(servers);
    }
}
