package io.captivewatch.lab;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.testing.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #16, scenario (c): the client's traffic goes through tun0 (0/1 and 128/1 routes, as VPN clients set them; a dummy or TUN interface standing in for a VPN
 * whose tunnel cannot come up behind the portal; {@code lab.sh vpn-route on}). {@code check --json} names tun0 and
 * the physical eth0 in its evidence, and the advice says the VPN is in the way and what to do. The VPN route is
 * left as it was: CaptiveWatch never touches it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenNdsVpnRouteSystemTest {
    private Lab lab;

    @BeforeAll
    void up() {
        Requirements.requireRoot();
        Requirements.requireCommands(Lab.COMMANDS);
        lab = Lab.up();
        Lab.Exec e = Lab.run(Duration.ofSeconds(15), "bash", Lab.script().toString(), "vpn-route", "on");
        assertThat(e.ok()).as("vpn-route on: %s", e).isTrue();
    }

    @AfterAll
    void down() {
        if (lab != null) lab.close();
    }

    @Test
    void verdictAndAdviceNameTheVpnInterface() {
        Lab.Exec e = lab.javaInClient(Duration.ofSeconds(40), "io.captivewatch.Main", "check", "--json");
        System.out.println("[lab] VPN route: check --json exit " + e.exitCode() + " after " + e.millis() + " ms");
        JsonObject j = JsonParser.parseString(e.stdout()).getAsJsonObject();
        assertThat(j.get("verdict").getAsString()).isNotEqualTo("online");
        assertThat(j.get("evidence").getAsString())
                .contains("Your default route goes through tun0, which looks like a VPN")
                .contains("(the network itself is on eth0)");
        assertThat(j.get("advice").toString()).contains("vpn-default-route").contains("VPN");
        Lab.Exec route = Lab.run(Duration.ofSeconds(5), "ip", "-n", "cw-client", "route", "show", "0.0.0.0/1");
        assertThat(route.stdout()).as("the VPN's route is left alone").contains("dev tun0");
    }
}
