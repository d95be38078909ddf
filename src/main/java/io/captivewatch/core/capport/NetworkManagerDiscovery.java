package io.captivewatch.core.capport;

import io.captivewatch.core.os.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NetworkManager: {@code nmcli -t -f GENERAL.DEVICE,IP4.DNS,DHCP4.OPTION,DHCP6.OPTION device show}, lines like
 * {@code DHCP4.OPTION[7]:captive_portal = http://...} (newer NM names it), or
 * {@code unknown_114}/{@code private_114}/{@code dhcp6_...103} with a hex or string value (older NM,
 * the dhclient backend). The network's DNS servers: {@code DHCP4.OPTION[n]:domain_name_servers = a b} (what
 * DHCP handed out, even when the connection ignores it for custom DNS), else {@code IP4.DNS[n]:a}.
 */
public final class NetworkManagerDiscovery implements LeaseSource {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final List<String> COMMAND =
            List.of("nmcli", "-t", "-f", "GENERAL.DEVICE,IP4.DNS,DHCP4.OPTION,DHCP6.OPTION", "device", "show");
    private static final Pattern LINE = Pattern.compile(
            "(?im)^(DHCP[46])\\.OPTION\\[\\d+\\]:\\s*([A-Za-z0-9_\\-]+)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern IP4_DNS = Pattern.compile("(?im)^IP4\\.DNS\\[\\d+\\]:\\s*(\\S+)\\s*$");
    private static final Pattern DEVICE = Pattern.compile("(?im)^GENERAL\\.DEVICE:(.*)$");
    private static final Pattern KEY = Pattern.compile("(?i)(captive[_-]?portal|(^|[_-])(114|103)$)");
    private static final Pattern DNS_KEY = Pattern.compile("(?i)^(domain_name_servers|dhcp6_name_servers)$");

    private final CommandRunner runner;

    /** Asks nmcli through {@code runner}. */
    public NetworkManagerDiscovery(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<Lease> leases() {
        CommandRunner.Result r = runner.run(COMMAND, TIMEOUT);
        if (!r.ok()) return List.of();
        return parseLeases(r.stdout());
    }

    /** The first device's API URI in {@code nmcli -t} output. */
    static Optional<DiscoveredUri> parse(String out) {
        for (Lease l : parseLeases(out)) {
            if (l.portalApi().isPresent()) return l.portalApi();
        }
        return Optional.empty();
    }

    /** One lease per device in {@code nmcli -t} output (devices separated by blank lines), in nmcli's order. */
    static List<Lease> parseLeases(String out) {
        List<Lease> leases = new ArrayList<>();
        String device = null;
        DiscoveredUri api = null;
        List<String> dhcpDns = new ArrayList<>(), ipDns = new ArrayList<>();
        for (String line : (out + "\nGENERAL.DEVICE:").split("\r?\n")) {
            Matcher dm = DEVICE.matcher(line);
            if (dm.matches()) {
                if (device != null || api != null || !dhcpDns.isEmpty() || !ipDns.isEmpty()) {
                    String where = device == null || device.isEmpty() ? "" : " on " + device;
                    String src = "NetworkManager (" + (dhcpDns.isEmpty() ? "IP4.DNS" : "DHCP option domain_name_servers") + where + ")";
                    if (api != null || !dhcpDns.isEmpty() || !ipDns.isEmpty()) {
                        leases.add(new Lease(Optional.ofNullable(api), dhcpDns.isEmpty() ? ipDns : dhcpDns, src));
                    }
                }
                device = dm.group(1).trim();
                api = null;
                dhcpDns = new ArrayList<>();
                ipDns = new ArrayList<>();
                continue;
            }
            Matcher ip = IP4_DNS.matcher(line);
            if (ip.matches()) {
                ipDns.addAll(Lease.addresses(ip.group(1)));
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) continue;
            if (DNS_KEY.matcher(m.group(2)).matches()) {
                dhcpDns.addAll(Lease.addresses(m.group(3)));
                continue;
            }
            if (api != null || !KEY.matcher(m.group(2)).find()) continue;
            Option114.Decoded d = Option114.fromAny(m.group(3));
            if (d.uri().isPresent()) {
                String what = m.group(1) + " option " + m.group(2) + (device == null || device.isEmpty() ? "" : " on " + device);
                api = new DiscoveredUri(d.uri().get(), "NetworkManager (" + what + ")", d.warnings());
            }
        }
        return leases;
    }
}
