package io.captivewatch.core.detect;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.testing.PortalSimulator.Scenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue #17: a re-check while the portal is known decides from the first hop and does not read the login page again. */
class DetectorKnownPortalTest {

    @Test
    void aReCheckWithAKnownPortalStopsAtTheFirstHopAndKeepsTheKnownLoginLink() throws Exception {
        try (PortalSimulator sim = new PortalSimulator(Scenario.REDIRECT_302).start(); Detector d = new Detector()) {
            List<ProbeSpec> probes = List.of(ProbeSpec.forUrl(sim.url("/generate_204")));
            Classification first = d.check(probes, Duration.ofSeconds(5));
            assertThat(first.verdict()).isEqualTo(Verdict.CAPTIVE);
            int afterFirst = sim.requestCount();
            assertThat(afterFirst).as("the full check follows the redirect to the login page").isEqualTo(2);

            KnownPortal known = KnownPortal.after(first).orElseThrow();
            Classification again = d.check(probes, Duration.ofSeconds(5), known);

            assertThat(again.verdict()).isEqualTo(Verdict.CAPTIVE);
            assertThat(sim.requestCount() - afterFirst).as("only the probe itself was asked").isEqualTo(1);
            assertThat(sim.requests().get(sim.requests().size() - 1).path()).isEqualTo("/generate_204");
            assertThat(again.loginUrl()).isEqualTo(first.loginUrl());
            ProbeObservation o = again.probes().get(0).observation();
            assertThat(o.hops()).hasSize(1);
            assertThat(o.errorDetail()).contains("not followed").contains("already known");
            assertThat(again.evidence()).contains("already known");
        }
    }

    @Test
    void aReCheckWithAKnownPortalSeesTheNetworkOnlineOnceThroughIt() throws Exception {
        try (PortalSimulator sim = new PortalSimulator(Scenario.REDIRECT_302).start(); Detector d = new Detector()) {
            List<ProbeSpec> probes = List.of(ProbeSpec.forUrl(sim.url("/generate_204")));
            KnownPortal known = KnownPortal.after(d.check(probes, Duration.ofSeconds(5))).orElseThrow();
            sim.setScenario(Scenario.ONLINE_204);
            Classification c = d.check(probes, Duration.ofSeconds(5), known);
            assertThat(c.verdict()).isEqualTo(Verdict.ONLINE);
            assertThat(c.evidence()).doesNotContain("already known");
        }
    }

    @Test
    void noHintWithoutAPortal() {
        assertThat(KnownPortal.after(null)).isEmpty();
    }
}
