package io.captivewatch.core.capport;

import io.captivewatch.core.os.CommandRunner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * macOS: {@code ipconfig getoption IFACE 114} (prints the value, or nothing when absent); the network's DNS
 * servers from {@code ipconfig getpacket IFACE} ({@code domain_name_server (ip_mult): {a, b}}).
 */
public final class MacIpconfigDiscovery implements LeaseSource {
    private static final java.util.regex.Pattern DNS =
            java.util.regex.Pattern.compile("(?m)^\\s*domain_name_server\\s*\\([^)]*\\):\\s*\\{([^}]*)\\}");
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
            Optional<DiscoveredUri> d = option114(r, iface);
            if (d.isPresent()) return d;
        }
        return Optional.empty();
    }

    private static Optional<DiscoveredUri> option114(CommandRunner.Result r, String iface) {
        if (!r.ok() || r.stdout().isBlank()) return Optional.empty();
        Option114.Decoded d = Option114.fromAny(r.stdout().strip());
        return d.uri().map(u -> new DiscoveredUri(u, "macOS ipconfig getoption " + iface + " 114", d.warnings()));
    }

    /** Per interface with a DHCP packet: its option 114 and its DNS servers. */
    @Override
    public List<Lease> leases() {
        List<Lease> out = new java.util.ArrayList<>();
        for (String iface : interfaces) {
            CommandRunner.Result p = runner.run(List.of("ipconfig", "getpacket", iface), TIMEOUT);
            if (p.commandNotFound()) break;
            if (!p.ok()) continue;
            List<String> dns = dnsServers(p.stdout());
            Optional<DiscoveredUri> api = option114(runner.run(List.of("ipconfig", "getoption", iface, "114"), TIMEOUT), iface);
            if (!dns.isEmpty() || api.isPresent()) out.add(new Lease(api, dns, "macOS ipconfig getpacket " + iface));
        }
        return out;
    }

    /** The {@code domain_name_server} line of {@code ipconfig getpacket} output. */
    static List<String> dnsServers(String getpacket) {
        java.util.regex.Matcher m = DNS.matcher(getpacket);
        return m.find() ? Lease.addresses(m.group(1)) : List.of();
    }
}
