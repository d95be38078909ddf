package io.captivewatch.core.capport;

import io.captivewatch.core.os.CommandRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Windows: the DNS servers the network handed out by DHCP, from the registry
 * ({@code reg query HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters\Interfaces /s /f Dhcp}:
 * {@code DhcpNameServer} per interface). That value keeps the network's servers even when the user set a
 * custom DNS (which goes into {@code NameServer} and is what {@code Get-DnsClientServerAddress} would show), and
 * {@code reg.exe} starts in milliseconds where PowerShell takes a second. Interfaces with a DHCP address come
 * first. Windows exposes no DHCP option 114 to programs, so these leases carry no API URI.
 */
public final class WindowsDhcpDnsSource implements LeaseSource {
    static final List<String> COMMAND = List.of("reg", "query",
            "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces", "/s", "/f", "Dhcp");
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final CommandRunner runner;

    public WindowsDhcpDnsSource(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<Lease> leases() {
        CommandRunner.Result r = runner.run(COMMAND, TIMEOUT);
        if (!r.ok()) return List.of();
        return parse(r.stdout());
    }

    /** The leases in {@code reg query} output: interfaces with a live DHCP address first, then the others. */
    static List<Lease> parse(String regOutput) {
        List<Lease> live = new ArrayList<>();
        List<Lease> other = new ArrayList<>();
        String key = null;
        List<String> dns = List.of();
        String address = "";
        for (String line : (regOutput + "\nEND").split("\\R")) {
            if (line.startsWith("HKEY_") || line.equals("END")) {
                if (key != null && !dns.isEmpty()) {
                    Lease l = new Lease(Optional.empty(), dns, "Windows DHCP (" + key.substring(key.lastIndexOf('\\') + 1) + ")");
                    (address.isEmpty() || address.equals("0.0.0.0") ? other : live).add(l);
                }
                key = line.startsWith("HKEY_") ? line.strip() : null;
                dns = List.of();
                address = "";
                continue;
            }
            String[] f = line.strip().split("\\s{2,}|\\t+", 3); // name, REG_TYPE, data
            if (key == null || f.length < 3) continue;
            if (f[0].equalsIgnoreCase("DhcpNameServer")) dns = Lease.addresses(f[2]);
            if (f[0].equalsIgnoreCase("DhcpIPAddress")) address = f[2].strip();
        }
        live.addAll(other);
        return live;
    }
}
