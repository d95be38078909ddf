package io.captivewatch.core.network;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which default route counts as a VPN, and what the evidence says then (issue #16). */
class VpnRouteTest {
    private static NetworkSnapshot.Route via(String iface) {
        return new NetworkSnapshot.Route(iface, "10.0.0.1", false);
    }

    @Test
    void vpnInterfaceNames() {
        assertThat(List.of("tun0", "tap1", "wg0", "wg-home", "ppp0", "utun3", "tailscale0", "nordlynx", "proton0", "cscotun0", "ztrf26vmpz"))
                .allMatch(VpnRoute::isVpnName);
        assertThat(List.of("eth0", "wlan0", "enp3s0", "wlp2s0", "docker0", "br-lan", "tunnelbroker", "pppoe-wan", "lo"))
                .as("physical and bridge interfaces; a name that merely starts like one").noneMatch(VpnRoute::isVpnName);
        assertThat(VpnRoute.isVpnName(null)).isFalse();
    }

    @Test
    void onlyTheRouteInUseDecides() {
        assertThat(VpnRoute.of(List.of())).isEmpty();
        assertThat(VpnRoute.of(List.of(via("wlan0"), via("tun0")))).as("VPN route present but not first").isEmpty();
        assertThat(VpnRoute.of(List.of(via("tun0"), via("wg1"), via("wlan0"))))
                .contains(new VpnRoute.Vpn("tun0", Optional.of("wlan0")));
        assertThat(VpnRoute.of(List.of(via("wg0")))).contains(new VpnRoute.Vpn("wg0", Optional.empty()));
    }

    @Test
    void evidenceNamesBothInterfaces() {
        assertThat(new VpnRoute.Vpn("tun0", Optional.of("eth0")).evidence())
                .isEqualTo("Your default route goes through tun0, which " + VpnRoute.MARK
                        + ": the network's portal may only be reachable outside it (the network itself is on eth0).");
        assertThat(new VpnRoute.Vpn("wg0", Optional.empty()).evidence()).doesNotContain("network itself");
    }
    /** Recorded {@code nmcli -t -f DEVICE,TYPE device status} (NetworkManager 1.42): a WireGuard device named "home". */
    static final String NMCLI = String.join("\n", "wlp2s0:wifi", "home:wireguard", "ovpn\\:work:tun", "ppp0:ppp",
            "docker0:bridge", "lo:loopback", "p2p-dev-wlp2s0:wifi-p2p", "tunnel7:ip-tunnel", "garbage", ":vpn", "");

    @Test
    void networkManagerNamesVpnDevicesWhateverTheirName() {
        assertThat(VpnRoute.NmVpnDevices.parse(NMCLI)).containsExactly("home", "ovpn:work", "tunnel7");
    }

    @Test
    void aVpnDeviceWithAPlainNameIsFoundThroughNetworkManagerAskedOncePerMinute() {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        VpnRoute.NmVpnDevices nm = new VpnRoute.NmVpnDevices((cmd, timeout) -> {
            runs.incrementAndGet();
            assertThat(cmd).isEqualTo(VpnRoute.NmVpnDevices.COMMAND);
            return io.captivewatch.core.os.CommandRunner.Result.success(NMCLI);
        });
        var vpn = VpnRoute.system(() -> java.util.Optional.of("home"), () -> List.of(via("home"), via("wlp2s0")), nm).get();
        assertThat(vpn).hasValueSatisfying(v -> {
            assertThat(v.iface()).isEqualTo("home");
            assertThat(v.physical()).contains("wlp2s0");
        });
        assertThat(VpnRoute.system(() -> java.util.Optional.of("wlp2s0"), () -> List.of(via("wlp2s0")), nm).get()).isEmpty();
        assertThat(runs).as("remembered: a captive network's checks run no nmcli each").hasValue(1);
        // a name the name rule knows needs no process at all
        VpnRoute.NmVpnDevices never = new VpnRoute.NmVpnDevices((cmd, timeout) -> { throw new AssertionError("asked"); });
        assertThat(VpnRoute.system(() -> java.util.Optional.of("wg0"), () -> List.of(via("wg0")), never).get()).isPresent();
    }

    @Test
    void withoutNetworkManagerOnlyTheNameDecides() {
        VpnRoute.NmVpnDevices missing = new VpnRoute.NmVpnDevices((cmd, timeout) -> io.captivewatch.core.os.CommandRunner.Result.notFound("nmcli"));
        assertThat(VpnRoute.system(() -> java.util.Optional.of("home"), () -> List.of(via("home")), missing).get()).isEmpty();
        assertThat(VpnRoute.system(java.util.Optional::empty, () -> List.of(via("tun0"), via("eth0")), missing).get())
                .hasValueSatisfying(v -> assertThat(v.physical()).contains("eth0"));
    }
}
