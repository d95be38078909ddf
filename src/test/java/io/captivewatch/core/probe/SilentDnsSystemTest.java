package io.captivewatch.core.probe;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.testing.Requirements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DNS server that never answers (it reads every query and drops it, as a broken or blocking network DNS
 * does), in a namespace this test creates: {@code check} must still give
 * its verdict within its deadline — the resolver's own 5 s × 2 retries must not stretch it.
 */
class SilentDnsSystemTest {
    static final int TIMEOUT_MS = 2000;

    String ns;
    Process silentDns;

    @BeforeEach
    void createNamespace() throws IOException {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "python3");
        ns = "cwdns-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        sh("ip", "netns", "add", ns);
        sh("ip", "-n", ns, "link", "set", "lo", "up");
        sh("ip", "-n", ns, "addr", "add", "10.213.0.53/32", "dev", "lo");
        sh("ip", "-n", ns, "route", "add", "default", "dev", "lo");
        silentDns = new ProcessBuilder("ip", "netns", "exec", ns, "python3", "-c",
                "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.bind(('10.213.0.53',53))\n"
                        + "print('ready',flush=True)\nwhile True: s.recvfrom(4096)")
                .redirectErrorStream(true).start();
        String ready = new String(silentDns.getInputStream().readNBytes(6), StandardCharsets.US_ASCII);
        assertThat(ready).as("silent DNS server started").isEqualTo("ready\n");
        Path etc = Path.of("/etc/netns", ns);
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("resolv.conf"), "nameserver 10.213.0.53\n"); // nobody there
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n");
    }

    @AfterEach
    void deleteNamespace() throws Exception {
        if (silentDns != null) silentDns.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if (ns == null) return;
        Requirements.run(10_000, "ip", "netns", "del", ns);
        Path etc = Path.of("/etc/netns", ns);
        Files.deleteIfExists(etc.resolve("resolv.conf"));
        Files.deleteIfExists(etc.resolve("hosts"));
        Files.deleteIfExists(etc);
    }

    @Test
    void silentDnsGivesOfflineWithinTheDeadline() throws Exception {
        // the name goes only to the silent resolver inside the namespace: nothing leaves this machine
        String probe = "http://connectivitycheck.gstatic.com/generate_204";
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, javaBin(), "-cp", System.getProperty("java.class.path"),
                "io.captivewatch.Main", "check", "--probe", probe, "--timeout", String.valueOf(TIMEOUT_MS), "--json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out;
        try {
            out = p.getInputStream().readNBytes(1 << 20);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("check finished").isTrue();
        } finally {
            p.destroyForcibly();
        }
        JsonObject j = JsonParser.parseString(new String(out, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonObject first = j.getAsJsonArray("probes").get(0).getAsJsonObject();
        System.out.println("[silent dns] verdict " + j.get("verdict").getAsString() + ", probe error "
                + first.get("error") + " after " + first.get("elapsedMs") + " ms (deadline " + TIMEOUT_MS + " ms)");
        assertThat(p.exitValue()).isEqualTo(20);
        assertThat(j.get("verdict").getAsString()).isEqualTo("offline");
        assertThat(List.of("timeout", "dns")).contains(first.get("error").getAsString());
        assertThat(first.get("elapsedMs").getAsLong()).isLessThan(TIMEOUT_MS + 700);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sh(String... cmd) {
        assertThat(Requirements.run(10_000, cmd)).as(String.join(" ", cmd)).isZero();
    }
}
