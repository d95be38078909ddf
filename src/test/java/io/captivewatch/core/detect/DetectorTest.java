package io.captivewatch.core.detect;

import io.captivewatch.core.capport.CapportSource;
import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.extract.LinkSource;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.Prober;
import io.captivewatch.core.url.WebUrl;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.testing.PortalSimulator.Scenario;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorTest {

    static CapportStatus api(boolean captive, URI portal) {
        return api("https://127.0.0.1:9/api", captive, portal);
    }

    static CapportStatus api(String apiUrl, boolean captive, URI portal) {
        return new CapportStatus(URI.create(apiUrl), "test", captive, Optional.ofNullable(portal),
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), false, List.of());
    }

    @Test
    void onlineAndCaptiveFromProbes() throws Exception {
        try (PortalSimulator sim = new PortalSimulator(Scenario.ONLINE_204).start(); Detector d = new Detector()) {
            List<ProbeSpec> probes = List.of(ProbeSpec.forUrl(sim.url("/generate_204")));
            assertThat(d.check(probes, Duration.ofSeconds(5)).verdict()).isEqualTo(Verdict.ONLINE);
            sim.setScenario(Scenario.REDIRECT_302);
            Classification c = d.check(probes, Duration.ofSeconds(5));
            assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
            assertThat(c.loginUrl().map(WebUrl::uri)).hasValueSatisfying(u -> assertThat(u.getPath()).isEqualTo("/login"));
        }
    }

    @Test
    void plainHttpChecksBuildNoHttpClient() throws Exception {
        // issue #13 item 5: every check used to build a new HttpClient (a selector thread and its descriptors,
        // gone only at the next GC), even when every probe was plain http
        java.util.function.Supplier<List<String>> selectors = () -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .map(Thread::getName).sorted().toList();
        try (PortalSimulator sim = new PortalSimulator(Scenario.REDIRECT_302).start(); Detector d = new Detector()) {
            List<String> before = selectors.get();
            List<ProbeSpec> probes = List.of(ProbeSpec.forUrl(sim.url("/generate_204")));
            for (int i = 0; i < 20; i++) {
                assertThat(d.check(probes, Duration.ofSeconds(5)).verdict()).isEqualTo(Verdict.CAPTIVE);
                d.resetConnections(); // what the monitor calls on a network change
            }
            assertThat(selectors.get()).as("HttpClient selector threads").isEqualTo(before);
        }
    }

    @Test
    void capportStatusIsPassedToTheClassifier() throws Exception {
        try (PortalSimulator sim = new PortalSimulator(Scenario.ONLINE_204).start();
             Detector d = new Detector(new Prober(), new Classifier(), t -> Optional.of(api(true, sim.loginUrl())))) {
            Classification c = d.check(List.of(ProbeSpec.forUrl(sim.url("/generate_204"))), Duration.ofSeconds(5));
            assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
            assertThat(c.capport()).isPresent();
            assertThat(c.candidates().get(0).source()).isEqualTo(LinkSource.CAPPORT_API);
            assertThat(c.loginUrl().map(WebUrl::uri)).contains(sim.loginUrl());
        }
        // Issue #15: RFC 8908 requires https; a plain-http API alone does not make a portal of a network whose probes
        // got through (Android NetworkMonitor.sendCapportApiProbe ignores it altogether).
        try (PortalSimulator sim = new PortalSimulator(Scenario.ONLINE_204).start();
             Detector d = new Detector(new Prober(), new Classifier(), t -> Optional.of(api("http://127.0.0.1:9/api", true, sim.loginUrl())))) {
            Classification c = d.check(List.of(ProbeSpec.forUrl(sim.url("/generate_204"))), Duration.ofSeconds(5));
            assertThat(c.verdict()).isEqualTo(Verdict.ONLINE);
            assertThat(c.warnings()).anyMatch(w -> w.contains("plain http"));
        }
    }

    @Test
    void aHangingCapportSourceDoesNotStretchTheTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CapportSource hanging = t -> {
            try {
                never.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        };
        try (PortalSimulator sim = new PortalSimulator(Scenario.ONLINE_204).start();
             Detector d = new Detector(new Prober(), new Classifier(), hanging)) {
            long t0 = System.nanoTime();
            Classification c = d.check(List.of(ProbeSpec.forUrl(sim.url("/generate_204"))), Duration.ofMillis(700));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(c.verdict()).isEqualTo(Verdict.ONLINE);
            assertThat(c.capport()).isEmpty();
            assertThat(ms).isLessThan(1500);
        }
    }

    @Test
    void decisiveProbeEndsTheCheckEarly() throws Exception {
        try (PortalSimulator slow = new PortalSimulator(Scenario.NEVER_WRITES).start();
             PortalSimulator portal = new PortalSimulator(Scenario.STATUS_511_LINK).start();
             Detector d = new Detector()) {
            long t0 = System.nanoTime();
            Classification c = d.check(List.of(ProbeSpec.forUrl(slow.url("/generate_204")),
                    ProbeSpec.forUrl(portal.url("/generate_204"))), Duration.ofSeconds(5));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2000);
            assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
            assertThat(c.probes().get(0).observation().error()).isEqualTo(ErrorKind.CANCELLED);
        }
    }

    @Test
    void interruptionThrows() throws Exception {
        try (PortalSimulator slow = new PortalSimulator(Scenario.NEVER_WRITES).start(); Detector d = new Detector()) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    d.check(List.of(ProbeSpec.forUrl(slow.url("/generate_204"))), Duration.ofSeconds(20));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            t.start();
            io.captivewatch.testing.Await.until("request reached the simulator", () -> slow.requestCount() == 1, Duration.ofSeconds(5));
            t.interrupt();
            t.join(3000);
            assertThat(t.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void closedDetectorRefusesToCheck() {
        Detector d = new Detector();
        d.close();
        assertThatThrownBy(() -> d.check(List.of(ProbeSpec.forUrl(URI.create("http://127.0.0.1:9/"))), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
