package io.captivewatch.core.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The /proc/net route tables, from recorded file text. */
class ProcRoutesTest {
    /** Wi-Fi with a gateway, a VPN without one, a default route that is not up (flags 0002), a garbage line. */
    static final String PROC_ROUTE = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
            wlan0\t0001A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0
            tun0\t00000000\t00000000\t0001\t0\t0\t50\t00000000\t0\t0\t0
            eth9\t00000000\t0100000A\t0002\t0\t0\t50\t00000000\t0\t0\t0
            garbage line
            """;

    static final String PROC_IPV6 = """
            00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003 wlan0
            00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200 lo
            fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001 wlan0
            """;

    /** As a kernel writes them (padded to fixed width), from a container with IPv4 and IPv6 default routes. */
    static final String RECORDED_ROUTE = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT                                                      \s
            eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0                                                                              \s
            eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0                                                                              \s
            """;

    static final String RECORDED_IPV6 = """
            fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
            fe800000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000002 00000000 00000001     eth0
            00000000000000000000000000000000 00 00000000000000000000000000000000 00 fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0
            00000000000000000000000000000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000002 00000000 80200001       lo
            fd000000000000000000000000000002 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000003 00000000 80200001     eth0
            fe8000000000000000fc00fffe000001 80 00000000000000000000000000000000 00 00000000000000000000000000000000 00000000 00000002 00000000 80200001     eth0
            ff000000000000000000000000000000 08 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000003 00000000 00000001     eth0
            00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo
            """;

    /** Two Wi-Fi default routes (NetworkManager's metric change leaves both for a moment) and a wired one. */
    static final String TWO_WIFI_ROUTES = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            wlan0\t00000000\t0100A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
            wlan0\t00000000\t0100A8C0\t0003\t0\t0\t20600\t00000000\t0\t0\t0
            enp3s0\t00000000\t0101A8C0\t0003\t0\t0\t20100\t00000000\t0\t0\t0
            """;

    @Test
    void ipv4DefaultRoutesWithTheirGateways() {
        assertThat(ProcRoutes.parseIpv4(PROC_ROUTE)).containsExactly(
                new NetworkSnapshot.Route("wlan0", "192.168.1.1", false),
                new NetworkSnapshot.Route("tun0", null, false));
        assertThat(ProcRoutes.parseIpv4(RECORDED_ROUTE)).containsExactly(new NetworkSnapshot.Route("eth0", "192.0.2.1", false));
        assertThat(ProcRoutes.parseIpv4("")).isEmpty();
    }

    @Test
    void ipv6DefaultRoutesWithoutTheRejectRoutes() {
        assertThat(ProcRoutes.parseIpv6(PROC_IPV6)).containsExactly(
                new NetworkSnapshot.Route("wlan0", "fe80:0:0:0:0:0:0:1", true));
        assertThat(ProcRoutes.parseIpv6(RECORDED_IPV6)).containsExactly(new NetworkSnapshot.Route("eth0", "fd00:0:0:0:0:0:0:1", true));
    }

    @Test
    void readsBothFilesOfANamespace(@TempDir Path procNet) throws Exception {
        assertThat(ProcRoutes.read(procNet)).isEmpty(); // no files: no routes
        Files.writeString(procNet.resolve("route"), RECORDED_ROUTE);
        Files.writeString(procNet.resolve("ipv6_route"), RECORDED_IPV6);
        assertThat(ProcRoutes.read(procNet)).containsExactly(new NetworkSnapshot.Route("eth0", "192.0.2.1", false),
                new NetworkSnapshot.Route("eth0", "fd00:0:0:0:0:0:0:1", true));
    }

    @Test
    void defaultInterfacesInTableOrderEachOnce(@TempDir Path procNet) throws Exception {
        assertThat(ProcRoutes.ipv4DefaultInterfaces(procNet)).isEmpty();
        Files.writeString(procNet.resolve("route"), TWO_WIFI_ROUTES);
        assertThat(ProcRoutes.ipv4DefaultInterfaces(procNet)).containsExactly("wlan0", "enp3s0");
        Files.writeString(procNet.resolve("route"), PROC_ROUTE);
        assertThat(ProcRoutes.ipv4DefaultInterfaces(procNet)).containsExactly("wlan0", "tun0"); // eth9's route is down
    }
}
