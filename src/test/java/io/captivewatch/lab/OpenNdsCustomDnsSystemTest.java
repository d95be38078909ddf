package io.captivewatch.lab;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.testing.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #16, scenario (a): the client's resolv.conf points at a "public" resolver (10.99.2.53 in cw-inet) that
 * the portal blocks until sign-in. {@code check --json} still says captive with the splash as loginUrl, the
 * probes resolved through the network's own DNS (10.99.0.1, from the udhcpc hook's {@code dns=}), the
 * evidence says so; after sign-in the custom resolver answers and check says online.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenNdsCustomDnsSystemTest {
    private Lab lab;

    @BeforeAll
    void up() {
        Requirements.requireRoot();
        Requirements.requireCommands(Lab.COMMANDS);
        lab = Lab.up();
        Lab.Exec e = Lab.run(Duration.ofSeconds(15), "bash", Lab.script().toString(), "custom-dns", "on");
        assertThat(e.ok()).as("custom-dns on: %s", e).isTrue();
    }

    @AfterAll
    void down() {
        if (lab != null) lab.close();
    }

    private JsonObject check(int wantExit) {
        Lab.Exec e = lab.javaInClient(Duration.ofSeconds(30), "io.captivewatch.Main", "check", "--json");
        System.out.println("[lab] custom DNS: check --json exit " + e.exitCode() + " after " + e.millis() + " ms");
        assertThat(e.exitCode()).as("check --json: %s", e).isEqualTo(wantExit);
        return JsonParser.parseString(e.stdout()).getAsJsonObject();
    }

    @Test
    @Order(1)
    void captiveThroughTheNetworksDns() {
        JsonObject j = check(10);
        assertThat(j.get("verdict").getAsString()).isEqualTo("captive");
        assertThat(j.get("loginUrl").getAsString()).startsWith("http://10.99.0.1:2050/opennds_preauth/?fas=");
        assertThat(j.get("evidence").getAsString()).contains("10.99.2.53").contains("the network's own DNS 10.99.0.1");
        JsonObject dns = j.getAsJsonObject("dns");
        assertThat(dns.get("systemServers").toString()).contains("10.99.2.53");
        assertThat(dns.getAsJsonObject("network").get("servers").toString()).contains("10.99.0.1");
        assertThat(dns.getAsJsonObject("network").get("source").getAsString()).contains("udhcpc");
        assertThat(j.get("probes").toString()).contains("\"resolver\":\"network\"");
        assertThat(j.get("advice").toString()).contains("network-dns-used").doesNotContain("turn-off-private-dns");
    }

    @Test
    @Order(2)
    void onlineAfterSignInWithTheCustomResolver() {
        Lab.Exec first = lab.curlInClient(OpenNdsLabSystemTest.GENERATE_204, "--resolve",
                "connectivitycheck.gstatic.com:80:10.99.1.2", "-o", "/dev/null", "-w", "%{redirect_url}");
        String splash = first.stdout().strip();
        assertThat(splash).as("redirect: %s", first).startsWith("http://10.99.0.1:2050/");
        Lab.Exec out = lab.ndsctl("auth", lab.clientMac()); // the form login itself is OpenNdsLabSystemTest's
        assertThat(out.ok()).as("ndsctl auth: %s", out).isTrue();
        JsonObject j = check(0);
        assertThat(j.get("verdict").getAsString()).isEqualTo("online");
        assertThat(j.get("probes").toString()).doesNotContain("\"resolver\":\"network\"");
    }
}
