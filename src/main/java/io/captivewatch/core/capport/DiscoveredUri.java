package io.captivewatch.core.capport;

import java.net.URI;
import java.util.List;

/**
 * A Captive Portal API URI found by RFC 8910 discovery (DHCPv4 option 114, DHCPv6 option 103, RA)
 * or given explicitly.
 *
 * @param uri      the API URI (always absolute http(s))
 * @param source   where it came from, for humans ("dhcp option 114 via udhcpc lease /run/...", "override")
 * @param warnings deviations noticed while decoding (plain http, ...)
 */
public record DiscoveredUri(URI uri, String source, List<String> warnings) {
    public DiscoveredUri {
        warnings = List.copyOf(warnings);
    }
}
