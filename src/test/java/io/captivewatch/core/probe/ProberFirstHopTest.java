package io.captivewatch.core.probe;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #17: first-hop re-checks still follow an upgrade of the probe to https (judged where it lands). */
class ProberFirstHopTest {
    @Test
    void onlyTheSameAddressOverHttpsCountsAsAnUpgrade() {
        URI probe = URI.create("http://connectivitycheck.example/generate_204");
        assertThat(Prober.isHttpsUpgrade(probe, URI.create("https://connectivitycheck.example/generate_204"))).isTrue();
        assertThat(Prober.isHttpsUpgrade(probe, URI.create("https://CONNECTIVITYCHECK.example/generate_204"))).isTrue();
        assertThat(Prober.isHttpsUpgrade(probe, URI.create("https://portal.example/generate_204"))).isFalse();
        assertThat(Prober.isHttpsUpgrade(probe, URI.create("https://connectivitycheck.example/login"))).isFalse();
        assertThat(Prober.isHttpsUpgrade(probe, URI.create("http://connectivitycheck.example/generate_204?x"))).isFalse();
        assertThat(Prober.isHttpsUpgrade(URI.create("https://a.example/"), URI.create("https://a.example/"))).isFalse();
    }
}
