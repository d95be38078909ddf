package io.captivewatch.core.capport;

import io.captivewatch.core.os.CommandRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Each discovery source against recorded tool output and real files. */
class CapportDiscoveryTest {
    static final URI STATUS = URI.create("http://status.client/");

    /** A runner answering from a table of "command line" -> output; records what was asked. */
    static final class Recorded implements CommandRunner {
        final Map<String, String> answers;
        final List<String> asked = new ArrayList<>();

        Recorded(Map<String, String> answers) {
            this.answers = answers;
        }

        @Override
        public Result run(List<String> command, Duration timeout) {
            String key = String.join(" ", command);
            asked.add(key);
            String out = answers.get(key);
            return out == null ? new Result(1, "", false, Optional.empty()) : new Result(0, out, false, Optional.empty());
        }
    }

    @Test
    void networkManagerNamedAndUnknownOptions() {
        String nm = "GENERAL.DEVICE:wlp2s0\nDHCP4.OPTION[1]:dhcp_lease_time = 3600\n"
                + "DHCP4.OPTION[2]:captive_portal = https://portal.hotel.example/api\nDHCP4.OPTION[3]:ip_address = 10.1.2.3\n\n"
                + "GENERAL.DEVICE:lo\n";
        DiscoveredUri d = new NetworkManagerDiscovery(new Recorded(Map.of(
                String.join(" ", NetworkManagerDiscovery.COMMAND), nm))).discover().orElseThrow();
        assertThat(d.uri()).isEqualTo(URI.create("https://portal.hotel.example/api"));
        assertThat(d.source()).contains("NetworkManager").contains("wlp2s0").contains("captive_portal");
        assertThat(d.warnings()).isEmpty();

        assertThat(NetworkManagerDiscovery.parse("GENERAL.DEVICE:eth0\nDHCP4.OPTION[4]:unknown_114 = 68:74:74:70:3a:2f:2f:73:74:61:74:75:73:2e:63:6c:69:65:6e:74\n")
                .orElseThrow().uri()).isEqualTo(STATUS);
        assertThat(NetworkManagerDiscovery.parse("DHCP6.OPTION[1]:dhcp6_captive_portal = https://p6.example/\n").orElseThrow().uri())
                .isEqualTo(URI.create("https://p6.example/"));
        assertThat(NetworkManagerDiscovery.parse("DHCP4.OPTION[1]:domain_name = example\nDHCP4.OPTION[2]:requested_captive_portal = 1\n")).isEmpty();
        assertThat(new NetworkManagerDiscovery(new Recorded(Map.of())).discover()).isEmpty();
    }

    @Test
    void networkdJsonPrefersTheDefaultRouteLinkAndFallsBackToText() {
        String json = "{\"Interfaces\":[{\"Index\":3,\"Name\":\"wlan0\",\"CaptivePortal\":\"https://other.example/api\"},"
                + "{\"Index\":2,\"Name\":\"eth0\",\"DHCPv4Client\":{\"Lease\":{}},\"CaptivePortal\":\"http://status.client\"}]}";
        Recorded r = new Recorded(Map.of("networkctl status --json=short", json));
        DiscoveredUri d = new NetworkdDiscovery(r, () -> List.of("eth0")).discover().orElseThrow();
        assertThat(d.uri()).isEqualTo(STATUS);
        assertThat(d.source()).contains("systemd-networkd").contains("eth0");
        assertThat(d.warnings()).containsExactly(Option114.PLAIN_HTTP_WARNING);

        String text = "● 2: eth0\n                   Link File: /usr/lib/systemd/network/99-default.link\n"
                + "              Captive Portal: https://portal.example/capport\n                     Address: 10.0.0.5\n";
        Recorded older = new Recorded(Map.of("networkctl status --no-pager eth0", text));
        DiscoveredUri t = new NetworkdDiscovery(older, () -> List.of("eth0")).discover().orElseThrow();
        assertThat(t.uri()).isEqualTo(URI.create("https://portal.example/capport"));
        assertThat(older.asked).containsExactly("networkctl status --json=short", "networkctl status --no-pager eth0");
        assertThat(NetworkdDiscovery.fromJson("not json", List.of())).isEmpty();
    }

    @Test
    void networkdStopsAtOnceWhenNetworkctlIsNotInstalled() {
        // the real runner, asked for a program that exists nowhere (networkctl itself may be installed here)
        List<List<String>> asked = new ArrayList<>();
        CommandRunner absent = (command, timeout) -> {
            asked.add(command);
            List<String> renamed = new ArrayList<>(command);
            renamed.set(0, "networkctl-not-installed-captivewatch");
            return CommandRunner.system().run(renamed, timeout);
        };
        assertThat(new NetworkdDiscovery(absent, () -> List.of("eth0", "wlan0")).discover()).isEmpty();
        assertThat(asked).containsExactly(List.of("networkctl", "status", "--json=short"));

        // installed but failing the JSON form (systemd before 254), even saying "not found": ask per interface
        List<String> perInterface = new ArrayList<>();
        CommandRunner old = (command, timeout) -> {
            perInterface.add(String.join(" ", command));
            return command.contains("--json=short")
                    ? new CommandRunner.Result(1, "", false, Optional.empty())
                    : new CommandRunner.Result(1, "Interface \"" + command.get(3) + "\" not found.", false, Optional.empty());
        };
        assertThat(new NetworkdDiscovery(old, () -> List.of("eth0", "wlan0")).discover()).isEmpty();
        assertThat(perInterface).containsExactly("networkctl status --json=short",
                "networkctl status --no-pager eth0", "networkctl status --no-pager wlan0");
    }

    @Test
    void dhclientLeaseUsesTheLastLeaseAndNewestFile(@TempDir Path dir) throws IOException {
        Path old = dir.resolve("dhclient.wlan0.leases");
        Files.writeString(old, "lease {\n  interface \"wlan0\";\n  option captive-portal \"https://old.example/\";\n}\n");
        Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000));
        Path cur = dir.resolve("dhclient.eth0.leases");
        Files.writeString(cur, "lease {\n  interface \"eth0\";\n  option unknown-114 \"https://first.example/\";\n}\n"
                + "lease {\n  interface \"eth0\";\n  fixed-address 10.0.0.7;\n"
                + "  option unknown-114 68:74:74:70:3a:2f:2f:73:74:61:74:75:73:2e:63:6c:69:65:6e:74;\n  renew 1 2026/11/23 10:00:00;\n}\n");
        DiscoveredUri d = new DhclientLeaseDiscovery(List.of(dir, dir.resolve("missing"))).discover().orElseThrow();
        assertThat(d.uri()).isEqualTo(STATUS);
        assertThat(d.source()).contains("dhclient.eth0.leases").contains("unknown-114");
        assertThat(DhclientLeaseDiscovery.parse("lease {\n option captive-portal \"javascript:x\";\n}\n", "f")).isEmpty();
    }

    @Test
    void udhcpcHookFileMustMatchALiveLease(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("eth0.lease"),
                "interface=eth0\nip=10.99.0.120\nrouter=10.99.0.1\nopt114=687474703a2f2f7374617475732e636c69656e74\nupdated=1\n");
        Files.writeString(dir.resolve("wlan0.lease"), "interface=wlan0\nip=192.168.1.9\nopt114=68747470733a2f2f772e6578616d706c652f\n");
        Files.writeString(dir.resolve("notes.txt"), "opt114=ignored");
        UdhcpcLeaseDiscovery eth = new UdhcpcLeaseDiscovery(dir, (iface, ip) -> iface.equals("eth0") && ip.equals("10.99.0.120"), List::of);
        DiscoveredUri d = eth.discover().orElseThrow();
        assertThat(d.uri()).isEqualTo(STATUS);
        assertThat(d.source()).contains("udhcpc").contains("eth0.lease");
        assertThat(d.warnings()).containsExactly(Option114.PLAIN_HTTP_WARNING);

        UdhcpcLeaseDiscovery both = new UdhcpcLeaseDiscovery(dir, (iface, ip) -> true, () -> List.of("wlan0"));
        assertThat(both.discover().orElseThrow().uri()).isEqualTo(URI.create("https://w.example/"));

        UdhcpcLeaseDiscovery stale = new UdhcpcLeaseDiscovery(dir, (iface, ip) -> false, List::of);
        assertThat(stale.discover()).isEmpty();
        assertThat(new UdhcpcLeaseDiscovery(dir.resolve("nope")).discover()).isEmpty();
    }

    @Test
    void theHookScriptIsShippedAsAResource() throws IOException {
        try (var in = UdhcpcLeaseDiscovery.class.getResourceAsStream(UdhcpcLeaseDiscovery.HOOK_RESOURCE)) {
            assertThat(in).isNotNull();
            String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(script).startsWith("#!/bin/sh").contains("opt114=").contains("CAPTIVEWATCH_UDHCPC_DIR")
                    .contains(UdhcpcLeaseDiscovery.DEFAULT_DIR);
        }
    }

    @Test
    void macOsIpconfig() {
        Recorded r = new Recorded(Map.of("ipconfig getoption en1 114", "https://mac.example/api\n"));
        DiscoveredUri d = new MacIpconfigDiscovery(r, List.of("en0", "en1")).discover().orElseThrow();
        assertThat(d.uri()).isEqualTo(URI.create("https://mac.example/api"));
        assertThat(d.source()).contains("en1");

        List<String> asked = new ArrayList<>();
        CommandRunner missing = (command, timeout) -> {
            asked.add(String.join(" ", command));
            return CommandRunner.Result.notFound(command.get(0));
        };
        assertThat(new MacIpconfigDiscovery(missing, List.of("en0", "en1")).discover()).isEmpty();
        assertThat(asked).containsExactly("ipconfig getoption en0 114");
    }

    @Test
    void overrideAndOrder() {
        assertThat(new OverrideDiscovery("https://o.example/api", "test").discover().orElseThrow().source()).contains("override");
        assertThat(new OverrideDiscovery("ftp://o.example/", "test").discover()).isEmpty();
        assertThat(new OverrideDiscovery(null, "test").discover()).isEmpty();
        CapportDiscovery broken = () -> {
            throw new IllegalStateException("boom");
        };
        CapportDiscovery first = CapportDiscovery.firstOf(List.of(Optional::empty, broken,
                new OverrideDiscovery("https://a.example/", "a"), new OverrideDiscovery("https://b.example/", "b")));
        assertThat(first.discover().orElseThrow().uri()).isEqualTo(URI.create("https://a.example/"));
    }

    @Test
    void liveLeaseCheckUsesThisNamespacesInterfaces() {
        assertThat(UdhcpcLeaseDiscovery.interfaceHasAddress("lo", "127.0.0.1")).isTrue();
        assertThat(UdhcpcLeaseDiscovery.interfaceHasAddress("lo", "")).isTrue();
        assertThat(UdhcpcLeaseDiscovery.interfaceHasAddress("lo", "10.99.0.250")).isFalse();
        assertThat(UdhcpcLeaseDiscovery.interfaceHasAddress("no-such-if0", "")).isFalse();
    }
}
