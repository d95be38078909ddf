package io.captivewatch.core.extract;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.Prober;
import io.captivewatch.core.probe.ProbeLimits;
import io.captivewatch.core.url.WebUrl;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.testing.PortalSimulator.Scenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extractor on real responses from a loopback portal (PortalSimulator): for every portal scenario the
 * prober records, the classifier's best login URL is the simulator's login page.
 */
class ExtractorLoopbackTest {

    @Test
    void everyPortalScenarioLeadsToTheLoginPage() throws Exception {
        List<String> problems = new ArrayList<>();
        try (PortalSimulator sim = new PortalSimulator(Scenario.ONLINE_204).start(); Prober prober = new Prober(ProbeLimits.DEFAULT)) {
            ProbeSpec spec = ProbeSpec.forUrl(sim.url("/generate_204"));
            Classifier classifier = new Classifier();
            for (Scenario s : List.of(Scenario.REDIRECT_302, Scenario.REDIRECT_307_RELATIVE, Scenario.STATUS_511_LINK,
                    Scenario.STATUS_511_JSON, Scenario.STATUS_511_HTML, Scenario.META_REFRESH, Scenario.JAVASCRIPT)) {
                sim.setScenario(s);
                ProbeObservation o = prober.probe(spec, Duration.ofSeconds(5));
                Classification c = classifier.classify(List.of(o));
                String got = c.verdict() + " " + c.loginUrl().map(WebUrl::uri).map(u -> u.getHost() + ":" + u.getPort() + u.getPath()).orElse("-");
                String want = Verdict.CAPTIVE + " " + sim.loginUrl().getHost() + ":" + sim.loginUrl().getPort() + sim.loginUrl().getPath();
                if (!got.equals(want)) problems.add(s + ": got " + got + " (" + c.candidates() + "), want " + want);
            }
        }
        assertThat(problems).isEmpty();
    }
}
