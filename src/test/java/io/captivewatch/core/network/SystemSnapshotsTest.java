package io.captivewatch.core.network;

import io.captivewatch.core.os.CommandRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsers for the OS tools' output, and snapshot comparison. */
class SystemSnapshotsTest {
    @Test
    void parsesSsidTools() {
        assertThat(SystemSnapshots.parseNmcli("no:Other\nyes:Hotel\\:Guest\n")).isEqualTo("Hotel:Guest");
        assertThat(SystemSnapshots.parseNmcli("no:Other\n")).isNull();
        assertThat(SystemSnapshots.parseIwDev("phy#0\n\tInterface wlan0\n\t\tssid Cafe Wifi\n\t\ttype managed\n")).isEqualTo("Cafe Wifi");
        assertThat(SystemSnapshots.parseNetshSsid("    Name                   : Wi-Fi\r\n    BSSID                  : aa:bb\r\n    SSID                   : Airport Free\r\n"))
                .isEqualTo("Airport Free");
        assertThat(SystemSnapshots.parseMacSsid("Current Wi-Fi Network: Starbucks\n")).isEqualTo("Starbucks");
        assertThat(SystemSnapshots.parseMacSsid("You are not associated with an AirPort network.\n")).isNull();
    }

    @Test
    void parsesMacAndWindowsRoutes() {
        assertThat(SystemSnapshots.parseMacRoute("   route to: default\ndestination: default\n    gateway: 10.1.1.1\n  interface: en0\n"))
                .containsExactly(new NetworkSnapshot.Route("en0", "10.1.1.1", false));
        assertThat(SystemSnapshots.parseWindowsRoutes("""
                Network Destination        Netmask          Gateway       Interface  Metric\r
                          0.0.0.0          0.0.0.0      192.168.0.1    192.168.0.23     35\r
                """)).containsExactly(new NetworkSnapshot.Route("192.168.0.23", "192.168.0.1", false));
    }

    /** /proc/net's route files, recorded. */
    private static void writeProc(Path proc) throws java.io.IOException {
        Files.writeString(proc.resolve("route"), ProcRoutesTest.PROC_ROUTE);
        Files.writeString(proc.resolve("ipv6_route"), ProcRoutesTest.PROC_IPV6);
    }

    /** A runner that records each command: nmcli is missing, iw says the SSID is "Lab". */
    private static CommandRunner recording(List<List<String>> ran) {
        return (cmd, timeout) -> {
            ran.add(cmd);
            assertThat(timeout).isLessThanOrEqualTo(Duration.ofSeconds(5));
            return cmd.get(0).equals("nmcli") ? CommandRunner.Result.notFound("nmcli")
                    : CommandRunner.Result.success("\tssid Lab\n");
        };
    }

    @Test
    void linuxSnapshotUsesProcFilesAndToolsThroughTheRunner(@org.junit.jupiter.api.io.TempDir Path proc) throws Exception {
        writeProc(proc);
        List<List<String>> ran = new ArrayList<>();
        NetworkSnapshot s = new SystemSnapshots(recording(ran), "Linux", proc).take();
        assertThat(s.defaultRoutes()).hasSize(3);
        // SSID lookup only runs when there is some interface: say so when this machine has none (an empty
        // namespace) instead of passing without checking
        org.junit.jupiter.api.Assumptions.assumeTrue(!s.interfaces().isEmpty(), "no network interface up here: SSID lookup not exercised");
        assertThat(s.ssid()).isEqualTo("Lab");
        assertThat(ran).extracting(c -> c.get(0)).containsExactly("nmcli", "iw");
    }

    @Test
    void snapshotWithoutToolsRunsNoToolAndReadsRoutesFromProc(@org.junit.jupiter.api.io.TempDir Path proc) throws Exception {
        writeProc(proc);
        List<List<String>> ran = new ArrayList<>();
        CommandRunner runner = recording(ran);
        NetworkSnapshot linux = new SystemSnapshots(runner, "Linux", proc).takeWithoutTools();
        assertThat(linux.defaultRoutes()).containsExactly(new NetworkSnapshot.Route("tun0", null, false),
                new NetworkSnapshot.Route("wlan0", "192.168.1.1", false), new NetworkSnapshot.Route("wlan0", "fe80:0:0:0:0:0:0:1", true));
        assertThat(linux.ssid()).isNull();
        NetworkSnapshot mac = new SystemSnapshots(runner, "Mac OS X", proc).takeWithoutTools();
        assertThat(mac.defaultRoutes()).isEmpty(); // they would take `route`
        assertThat(ran).isEmpty();
    }

    @Test
    void attachmentNamesTheDefaultRoutesWithTheirAddresses() {
        NetworkSnapshot hotel = new NetworkSnapshot(Map.of("wlan0", List.of("10.20.0.57/16"), "docker0", List.of("172.17.0.1/16")),
                List.of(new NetworkSnapshot.Route("wlan0", "10.20.0.1", false)), null);
        assertThat(hotel.attachment()).isEqualTo("default via 10.20.0.1 dev wlan0 [10.20.0.57/16]; ");
        NetworkSnapshot otherAddress = new NetworkSnapshot(Map.of("wlan0", List.of("10.20.0.58/16")), hotel.defaultRoutes(), null);
        NetworkSnapshot otherGateway = new NetworkSnapshot(hotel.interfaces(),
                List.of(new NetworkSnapshot.Route("wlan0", "10.20.0.2", false)), null);
        NetworkSnapshot named = new NetworkSnapshot(hotel.interfaces(), hotel.defaultRoutes(), "Hotel");
        assertThat(List.of(otherAddress.attachment(), otherGateway.attachment(), named.attachment()))
                .doesNotContain(hotel.attachment()).doesNotHaveDuplicates();
        NetworkSnapshot withoutDocker = new NetworkSnapshot(Map.of("wlan0", List.of("10.20.0.57/16")), hotel.defaultRoutes(), null);
        assertThat(withoutDocker.attachment()).isEqualTo(hotel.attachment());
        // no default route (or an OS whose routes take a tool): every interface counts
        NetworkSnapshot noRoute = new NetworkSnapshot(hotel.interfaces(), List.of(), null);
        assertThat(noRoute.attachment()).isEqualTo("no default route; docker0 [172.17.0.1/16]; wlan0 [10.20.0.57/16]");
    }

    @Test
    void identityPrefersSsidThenInterfaceAndGateway() {
        NetworkSnapshot wired = new NetworkSnapshot(Map.of("eth0", List.of("10.0.0.5/24")),
                List.of(new NetworkSnapshot.Route("eth0", "10.0.0.1", false)), null);
        assertThat(wired.identity()).contains(new NetworkIdentity("if:eth0/gw:10.0.0.1", "eth0", null));
        NetworkSnapshot wifi = new NetworkSnapshot(wired.interfaces(), wired.defaultRoutes(), "Hotel");
        assertThat(wifi.identity()).contains(new NetworkIdentity("ssid:Hotel", "Hotel", "Hotel"));
        assertThat(NetworkSnapshot.EMPTY.identity()).isEmpty();
        // IPv4 route first regardless of input order
        NetworkSnapshot both = new NetworkSnapshot(Map.of(), List.of(new NetworkSnapshot.Route("eth0", "fe80::1", true),
                new NetworkSnapshot.Route("eth0", "10.0.0.1", false)), null);
        assertThat(both.identity().orElseThrow().key()).isEqualTo("if:eth0/gw:10.0.0.1");
    }

    @Test
    void snapshotsCompareOrderIndependentlyAndDescribeDifferences() {
        NetworkSnapshot a = new NetworkSnapshot(Map.of("eth0", List.of("10.0.0.5/24", "fd00::5/64")), List.of(), null);
        NetworkSnapshot a2 = new NetworkSnapshot(Map.of("eth0", List.of("fd00::5/64", "10.0.0.5/24")), List.of(), "");
        assertThat(a).isEqualTo(a2);
        NetworkSnapshot b = new NetworkSnapshot(Map.of("eth0", List.of("10.0.0.6/24"), "wlan0", List.of()),
                List.of(new NetworkSnapshot.Route("eth0", "10.0.0.1", false)), "Cafe");
        assertThat(b.differencesFrom(a)).containsExactlyInAnyOrder("eth0: +10.0.0.6/24", "eth0: -10.0.0.5/24",
                "eth0: -fd00::5/64", "wlan0 up", "+default via 10.0.0.1 dev eth0", "SSID Cafe");
        assertThat(a.differencesFrom(b)).contains("wlan0 down", "-default via 10.0.0.1 dev eth0", "left Wi-Fi Cafe");
    }
}
