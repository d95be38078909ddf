package io.captivewatch.core.capport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each lease source's one reader yields both the portal API URI and the network's DNS servers (recorded files/outputs). */
class LeaseSourcesTest {

    @Test
    void udhcpcHookFileCarriesDns(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("eth0.lease"), "interface=eth0\nip=10.99.0.120\nrouter=10.99.0.1\n"
                + "opt114=687474703a2f2f7374617475732e636c69656e74\ndns=10.99.0.1 10.99.0.2\nupdated=1\n");
        UdhcpcLeaseDiscovery d = new UdhcpcLeaseDiscovery(dir, (i, ip) -> true, () -> List.of("eth0"));
        Lease l = d.dnsLease().orElseThrow();
        assertThat(l.dnsServers()).containsExactly("10.99.0.1", "10.99.0.2");
        assertThat(l.portalApi().orElseThrow().uri()).isEqualTo(URI.create("http://status.client/"));
        assertThat(d.discover().orElseThrow().uri()).isEqualTo(URI.create("http://status.client/"));
        // a hook file from before this change has no dns= line: no servers, the URI still found
        Files.writeString(dir.resolve("eth0.lease"), "interface=eth0\nip=10.99.0.120\nopt114=687474703a2f2f7374617475732e636c69656e74\n");
        assertThat(d.dnsLease()).isEmpty();
        assertThat(d.discover()).isPresent();
    }

    @Test
    void udhcpcHookScriptRecordsDns() throws IOException {
        try (var in = UdhcpcLeaseDiscovery.class.getResourceAsStream(UdhcpcLeaseDiscovery.HOOK_RESOURCE)) {
            String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(script).contains("echo \"dns=${dns:-}\"");
        }
    }

    @Test
    void dhclientLeaseDomainNameServersFromTheLastBlock() {
        String text = "lease {\n  interface \"wlan0\";\n  option domain-name-servers 192.168.1.1;\n}\n"
                + "lease {\n  interface \"wlan0\";\n  fixed-address 10.0.0.7;\n  option domain-name-servers 10.0.0.1, 10.0.0.2;\n"
                + "  option captive-portal \"https://portal.example/api\";\n}\n";
        Lease l = DhclientLeaseDiscovery.parseLease(text, "dhclient.wlan0.leases");
        assertThat(l.dnsServers()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(l.portalApi().orElseThrow().uri()).isEqualTo(URI.create("https://portal.example/api"));
        assertThat(DhclientLeaseDiscovery.parseLease("lease {\n option routers 10.0.0.1;\n}\n", "f").dnsServers()).isEmpty();
    }

    @Test
    void networkManagerPrefersTheDhcpServersOverIp4Dns() {
        String nm = "GENERAL.DEVICE:wlp2s0\nIP4.DNS[1]:9.9.9.9\nDHCP4.OPTION[1]:dhcp_lease_time = 3600\n"
                + "DHCP4.OPTION[2]:domain_name_servers = 10.1.0.1 10.1.0.2\nDHCP4.OPTION[3]:captive_portal = https://p.example/api\n\n"
                + "GENERAL.DEVICE:eth1\nIP4.DNS[1]:192.168.5.1\n\nGENERAL.DEVICE:lo\n";
        List<Lease> leases = NetworkManagerDiscovery.parseLeases(nm);
        assertThat(leases).hasSize(2);
        assertThat(leases.get(0).dnsServers()).containsExactly("10.1.0.1", "10.1.0.2");
        assertThat(leases.get(0).source()).contains("wlp2s0").contains("domain_name_servers");
        assertThat(leases.get(0).portalApi().orElseThrow().uri()).isEqualTo(URI.create("https://p.example/api"));
        assertThat(leases.get(1).dnsServers()).containsExactly("192.168.5.1");
        assertThat(leases.get(1).source()).contains("IP4.DNS").contains("eth1");
        var runner = new CapportDiscoveryTest.Recorded(Map.of(String.join(" ", NetworkManagerDiscovery.COMMAND), nm));
        assertThat(new NetworkManagerDiscovery(runner).dnsLease().orElseThrow().dnsServers()).containsExactly("10.1.0.1", "10.1.0.2");
    }

    @Test
    void networkdLeaseFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("3"), "# This is private data. Do not parse.\nADDRESS=192.168.7.20\nNETMASK=255.255.255.0\n"
                + "ROUTER=192.168.7.1\nDNS=192.168.7.1 fd00::1\nCAPTIVE_PORTAL=https://cp.example/api\n");
        Files.writeString(dir.resolve("not-an-index"), "DNS=6.6.6.6\n");
        NetworkdDiscovery d = new NetworkdDiscovery(new CapportDiscoveryTest.Recorded(Map.of()), List::of, dir);
        Lease l = d.dnsLease().orElseThrow();
        assertThat(l.dnsServers()).containsExactly("192.168.7.1", "fd00::1");
        assertThat(l.portalApi().orElseThrow().uri()).isEqualTo(URI.create("https://cp.example/api"));
        assertThat(d.leases()).hasSize(1);
    }

    @Test
    void macIpconfigGetpacket() {
        String packet = "op = BOOTREPLY\nhtype = 1\nyiaddr = 192.168.1.23\noptions:\nOptions count is 9\n"
                + "dhcp_message_type (uint8): ACK 0x5\nrouter (ip_mult): {192.168.1.1}\n"
                + "domain_name_server (ip_mult): {192.168.1.1, 192.168.1.2}\nend (none):\n";
        var runner = new CapportDiscoveryTest.Recorded(Map.of("ipconfig getpacket en0", packet,
                "ipconfig getoption en0 114", "https://mac.example/api\n"));
        Lease l = new MacIpconfigDiscovery(runner, List.of("en0", "en1")).dnsLease().orElseThrow();
        assertThat(l.dnsServers()).containsExactly("192.168.1.1", "192.168.1.2");
        assertThat(l.portalApi().orElseThrow().uri()).isEqualTo(URI.create("https://mac.example/api"));
        assertThat(MacIpconfigDiscovery.dnsServers("router (ip_mult): {1.2.3.4}\n")).isEmpty();
    }

    @Test
    void addressListsAreSplitAndNonAddressesDropped() {
        assertThat(Lease.addresses("{10.0.0.1, 10.0.0.2}; fe80::1%eth0 not-an-address 10.0.0.1")).containsExactly("10.0.0.1", "10.0.0.2", "fe80::1%eth0");
    }

    @Test
    void windowsRegistryDhcpNameServerWithTheLiveInterfaceFirst() {
        String reg = "\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\{1111-old}\r\n"
                + "    DhcpIPAddress    REG_SZ    0.0.0.0\r\n"
                + "    DhcpNameServer    REG_SZ    10.1.1.1\r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\{2222-wifi}\r\n"
                + "    EnableDHCP    REG_DWORD    0x1\r\n"
                + "    DhcpIPAddress    REG_SZ    192.168.7.23\r\n"
                + "    DhcpNameServer    REG_SZ    192.168.7.1 192.168.7.2\r\n"
                + "    DhcpDefaultGateway    REG_MULTI_SZ    192.168.7.1\r\n\r\n"
                + "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\{3333-static}\r\n"
                + "    DhcpIPAddress    REG_SZ    \r\n\r\n"
                + "End of search: 7 match(es) found.\r\n";
        var runner = new CapportDiscoveryTest.Recorded(Map.of(String.join(" ", WindowsDhcpDnsSource.COMMAND), reg));
        List<Lease> leases = new WindowsDhcpDnsSource(runner).leases();
        assertThat(leases).extracting(Lease::dnsServers)
                .containsExactly(List.of("192.168.7.1", "192.168.7.2"), List.of("10.1.1.1"));
        assertThat(leases.get(0).source()).isEqualTo("Windows DHCP ({2222-wifi})");
        assertThat(leases.get(0).portalApi()).isEmpty();
        assertThat(new WindowsDhcpDnsSource(new CapportDiscoveryTest.Recorded(Map.of())).leases()).isEmpty();
    }
}
