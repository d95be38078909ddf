package io.captivewatch.core.detect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.captivewatch.core.capport.CapportClient;
import io.captivewatch.core.capport.CapportLookup;
import io.captivewatch.core.capport.OverrideDiscovery;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Classifier;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.Prober;
import io.captivewatch.core.url.WebUrl;
import io.captivewatch.testing.DefaultTrust;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.testing.PortalSimulator.Scenario;
import io.captivewatch.testing.SelfSignedTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15, the two docs/CONFORMANCE.md rows that need a network to show: the redirect to the same URL over https,
 * and the RFC 8908 API over https and over plain http. Real loopback servers (plain http, and TLS with a
 * self-signed certificate for 127.0.0.1 that {@link DefaultTrust} makes the JVM's default context trust, as a
 * system trusting the portal's certificate would), the real {@link Prober}, {@link CapportClient} and
 * {@link Detector}; nothing mocked. The unit side of the same rows is core/classify/ConformanceTest.
 *
 * <p>"The same URL over https" on loopback: the https twin listens on another port than the probe (as on the real
 * network, 80 and 443); the rule (ProbeAssessor.isHttpsTwin) compares host, path and query, and any port once the
 * scheme changes, so the twin here is {@code https://127.0.0.1:<tlsPort>/<the probe's path>}.
 */
class PeerConformanceLoopbackTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TWIN_PATH = "/generate_204";
    /** A probe whose server redirects to https://127.0.0.1:tlsPort/generate_204: another path, so not its twin. */
    private static final String ELSEWHERE_PATH = "/elsewhere/generate_204";

    @TempDir
    static Path tlsDir;
    private static HttpsServer tls;
    /** Plain http: each probe path redirects (302) to the TLS server; /api is the plain-http RFC 8908 API. */
    private static HttpServer plain;
    /** What the TLS server answers on {@link #TWIN_PATH}: a status and an HTML body (none for 204). */
    private static volatile Answer twinAnswer;

    private record Answer(int status, String html) {}

    @BeforeAll
    static void servers() throws Exception {
        var ctx = SelfSignedTls.serverContext(tlsDir);
        tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(ctx));
        tls.createContext(TWIN_PATH, ex -> reply(ex, twinAnswer.status(), "text/html; charset=utf-8", twinAnswer.html()));
        tls.createContext("/api", PeerConformanceLoopbackTest::api);
        tls.start();
        plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plain.createContext(TWIN_PATH, ex -> redirect(ex, tlsUrl(TWIN_PATH)));
        plain.createContext(ELSEWHERE_PATH, ex -> redirect(ex, tlsUrl(TWIN_PATH)));
        plain.createContext("/api", PeerConformanceLoopbackTest::api);
        plain.start();
    }

    @AfterAll
    static void stopServers() {
        if (plain != null) plain.stop(0);
        if (tls != null) tls.stop(0);
    }

    private static URI tlsUrl(String path) {
        return URI.create("https://127.0.0.1:" + tls.getAddress().getPort() + path);
    }

    private static URI plainUrl(String path) {
        return URI.create("http://127.0.0.1:" + plain.getAddress().getPort() + path);
    }

    /** The user-portal-url B every API here names (https, so that no plain-http warning of its own gets in the way). */
    private static URI apiPortal() {
        return tlsUrl("/portal-from-api");
    }

    private static void api(HttpExchange ex) throws IOException {
        reply(ex, 200, CapportClient.MEDIA_TYPE, "{\"captive\": true, \"user-portal-url\": \"" + apiPortal() + "\"}");
    }

    private static void redirect(HttpExchange ex, URI to) throws IOException {
        ex.getResponseHeaders().add("Location", to.toString());
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0) ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) ex.getResponseBody().write(b);
        ex.close();
    }

    private static Detector detector(CapportLookup api) {
        return new Detector(new Prober(), new Classifier(), api);
    }

    private static CapportLookup apiAt(URI apiUrl) {
        return new CapportLookup(new OverrideDiscovery(apiUrl.toString(), "test"), new CapportClient(Duration.ofSeconds(3)));
    }

    private static List<String> urls(Classification c) {
        return c.candidates().stream().map(lc -> lc.url().toString()).toList();
    }

    /**
     * CONFORMANCE.md "redirect to the same URL over https": Chromium's captive_portal_detector.cc follows the redirect
     * and judges where it lands; so do we. (Android, NetworkManager and Firefox call any redirect a portal.) A redirect
     * whose landing we never saw (the twin's certificate not trusted) stays a redirect; a redirect to another path on
     * the https server is no twin, and a portal.
     */
    @Test
    void anUpgradeToTheSameUrlOverHttpsIsJudgedWhereItLands() throws Exception {
        twinAnswer = new Answer(204, null);
        List<ProbeSpec> probe = List.of(ProbeSpec.forUrl(plainUrl(TWIN_PATH)));

        try (Detector untrusting = detector(null)) {
            Classification unseen = untrusting.check(probe, TIMEOUT);
            assertThat(unseen.probes().get(0).observation().error()).as("the JDK's own trust: a self-signed twin").isEqualTo(ErrorKind.TLS);
            assertThat(unseen.verdict()).as("a redirect whose landing we never saw is a redirect").isEqualTo(Verdict.CAPTIVE);
            assertThat(unseen.loginUrl().map(WebUrl::uri)).as("the twin is never the login page").isEmpty();
        }
        try (DefaultTrust trust = DefaultTrust.alsoTrusting(tlsDir); Detector d = detector(null)) {
            Classification online = d.check(probe, TIMEOUT);
            assertThat(online.probes().get(0).observation().hops()).extracting(h -> h.status()).containsExactly(302, 204);
            assertThat(online.verdict()).as(online.evidence()).isEqualTo(Verdict.ONLINE);
            assertThat(online.evidence()).contains("same address over HTTPS");

            Classification elsewhere = d.check(List.of(ProbeSpec.forUrl(plainUrl(ELSEWHERE_PATH))), TIMEOUT);
            assertThat(elsewhere.probes().get(0).observation().hops()).extracting(h -> h.status()).containsExactly(302, 204);
            assertThat(elsewhere.verdict()).as("another path over https is not the twin").isEqualTo(Verdict.CAPTIVE);
        }
    }

    /**
     * CONFORMANCE.md "redirect to the same URL over https" (judged where it lands, as Chromium does) and "redirect back
     * to the probe URL or its https twin as login page" (never offered: opening it only repeats the redirect). The twin
     * serves a portal page that links the probe URL, the twin and the real sign-in page; and a page with no link at
     * all, whose own URL (the twin) would otherwise be the last-resort login link (CONFORMANCE.md "200 with a page").
     */
    @Test
    void aPortalBehindTheHttpsTwinIsCaptiveAndNeverOffersTheTwin() throws Exception {
        URI probeUrl = plainUrl(TWIN_PATH);
        URI twin = tlsUrl(TWIN_PATH);
        URI signIn = tlsUrl("/portal/login");
        List<ProbeSpec> probe = List.of(ProbeSpec.forUrl(probeUrl));
        try (DefaultTrust trust = DefaultTrust.alsoTrusting(tlsDir); Detector d = detector(null)) {
            twinAnswer = new Answer(200, "<html><head><title>Guest Wi-Fi</title></head><body>"
                    + "<a href=\"" + probeUrl + "\">Try again</a> <a href=\"" + twin + "\">Check the connection</a>"
                    + " <a href=\"" + signIn + "\">Sign in</a></body></html>");
            Classification linked = d.check(probe, TIMEOUT);
            assertThat(linked.verdict()).as(linked.evidence()).isEqualTo(Verdict.CAPTIVE);
            assertThat(linked.evidence()).contains("same address over HTTPS");
            assertThat(linked.loginUrl().map(WebUrl::uri)).contains(signIn);
            assertThat(urls(linked)).doesNotContain(probeUrl.toString(), twin.toString());

            twinAnswer = new Answer(200, "<html><head><title>Guest Wi-Fi</title></head><body>Please ask at the front desk"
                    + " to use this network.</body></html>");
            Classification bare = d.check(probe, TIMEOUT);
            assertThat(bare.verdict()).as(bare.evidence()).isEqualTo(Verdict.CAPTIVE);
            assertThat(bare.probes().get(0).observation().hops()).extracting(h -> h.url()).containsExactly(probeUrl, twin);
            assertThat(urls(bare)).as("neither the probe URL nor its twin is the login page")
                    .doesNotContain(probeUrl.toString(), twin.toString());
        }
    }

    private static List<ProbeSpec> probesOf(PortalSimulator sim) {
        // generate_204-style paths only: the simulator's ONLINE_204 is the genuine answer for each of them
        return List.of(ProbeSpec.forUrl(sim.url("/generate_204"), "one"), ProbeSpec.forUrl(sim.url("/gen_204"), "two"),
                ProbeSpec.forUrl(sim.url("/third/generate_204"), "three"));
    }

    /**
     * CONFORMANCE.md "RFC 8908 API over https": Android NetworkMonitor.sendCapportApiProbe takes an https API as
     * authoritative for "captive", its user-portal-url as the login URL; so do we, ahead of the probes' link A.
     */
    @Test
    void anHttpsApiIsBelievedAndItsLinkComesFirst() throws Exception {
        try (DefaultTrust trust = DefaultTrust.alsoTrusting(tlsDir);
             PortalSimulator sim = new PortalSimulator(Scenario.REDIRECT_302).start();
             Detector d = detector(apiAt(tlsUrl("/api")))) {
            Classification c = d.check(probesOf(sim), TIMEOUT);
            assertThat(c.capport()).as("the API answered").hasValueSatisfying(s -> assertThat(s.captive()).isTrue());
            assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
            assertThat(c.loginUrl().map(WebUrl::uri)).contains(apiPortal());
            assertThat(c.candidates()).extracting(lc -> lc.url().uri()).anySatisfy(u -> assertThat(u.getPath()).isEqualTo("/login"));
            assertThat(c.warnings()).doesNotContain(CapportClient.PLAIN_HTTP_WARNING);

            sim.setScenario(Scenario.ONLINE_204);
            Classification apiAlone = d.check(probesOf(sim), TIMEOUT);
            assertThat(apiAlone.verdict()).as("an https API saying captive is believed on its own").isEqualTo(Verdict.CAPTIVE);
            assertThat(apiAlone.loginUrl().map(WebUrl::uri)).contains(apiPortal());
        }
    }

    /**
     * CONFORMANCE.md "RFC 8908 API over plain http": Android ignores it ("Invalid captive portal API protocol"), RFC 8908
     * section 4 requires https. Ours adds evidence only: link A read from the probes stays the login URL, the API's B
     * comes after it, a warning says the API was plain http; and its "captive" alone does not make a portal of a
     * network whose probes got the genuine answers.
     */
    @Test
    void aPlainHttpApiOnlyAddsEvidence() throws Exception {
        try (PortalSimulator sim = new PortalSimulator(Scenario.REDIRECT_302).start();
             Detector d = detector(apiAt(plainUrl("/api")))) {
            Classification c = d.check(probesOf(sim), TIMEOUT);
            assertThat(c.capport()).as("the API answered").hasValueSatisfying(s -> assertThat(s.captive()).isTrue());
            assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
            assertThat(c.loginUrl().map(WebUrl::uri)).hasValueSatisfying(a -> {
                assertThat(a.getPort()).isEqualTo(sim.port());
                assertThat(a.getPath()).isEqualTo("/login");
            });
            List<String> urls = urls(c);
            assertThat(urls).contains(apiPortal().toString());
            assertThat(urls.get(urls.size() - 1)).as("the plain-http API's link after every link from the probes")
                    .isEqualTo(apiPortal().toString());
            assertThat(c.warnings()).contains(CapportClient.PLAIN_HTTP_WARNING);

            sim.setScenario(Scenario.ONLINE_204);
            Classification genuine = d.check(probesOf(sim), TIMEOUT);
            assertThat(genuine.capport()).hasValueSatisfying(s -> assertThat(s.captive()).isTrue());
            assertThat(genuine.verdict()).as(genuine.evidence()).isEqualTo(Verdict.ONLINE);
            assertThat(genuine.warnings()).anyMatch(w -> w.contains("plain http") && w.contains("not believed"));
        }
    }
}
