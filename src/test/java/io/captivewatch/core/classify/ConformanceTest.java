package io.captivewatch.core.classify;

import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.WebUrl;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static io.captivewatch.core.classify.Observations.GOOGLE;
import static io.captivewatch.core.classify.Observations.answer;
import static io.captivewatch.core.classify.Observations.chain;
import static io.captivewatch.core.classify.Observations.online;
import static io.captivewatch.core.classify.Observations.response;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #15: each behaviour where we follow or depart from a peer detector, with the peer's file named.
 * The recorded-response side of the same decisions is in src/test/resources/corpus (CorpusTest); the table is
 * docs/CONFORMANCE.md.
 */
class ConformanceTest {
    private final Classifier classifier = new Classifier();

    private static final ProbeSpec APPLE = ProbeSpec.forUrl(URI.create("http://captive.apple.com/hotspot-detect.html"), "Apple");
    private static final ProbeSpec FIREFOX = ProbeSpec.forUrl(URI.create("http://detectportal.firefox.com/canonical.html"), "Firefox");
    private static final ProbeSpec FIREFOX_TXT = ProbeSpec.forUrl(URI.create("http://detectportal.firefox.com/success.txt"), "Firefox");
    private static final ProbeSpec GNOME = ProbeSpec.forUrl(URI.create("http://nmcheck.gnome.org/check_network_status.txt"), "GNOME");

    private Verdict verdict(ProbeObservation o) {
        return classifier.classify(List.of(o)).verdict();
    }

    /** Apple: only the genuine page, whitespace around it allowed; "Success" on a portal's page is not it. */
    @Test
    void applesProbeWantsTheGenuinePage() {
        String page = "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>";
        assertThat(verdict(answer(APPLE, 200, page))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(APPLE, 200, page + "\r\n"))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(APPLE, 200, "<html><body><h1>Success</h1><a href='/login'>Sign in</a></body></html>")))
                .isEqualTo(Verdict.CAPTIVE);
        assertThat(verdict(answer(APPLE, 302, page, "Location", "http://10.0.0.1/"))).isEqualTo(Verdict.CAPTIVE);
    }

    /** Firefox CaptiveDetect.sys.mjs validateContent: responseText === canonicalContent, and only for a 200. */
    @Test
    void firefoxsProbesCompareExactlyAsFirefoxDoes() {
        String canonical = "<meta http-equiv=\"refresh\" content=\"0;url=https://support.mozilla.org/kb/captive-portal\"/>";
        assertThat(verdict(answer(FIREFOX, 200, canonical))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(FIREFOX, 200, "<html>" + canonical + "<a href='/login'>Sign in</a></html>"))).isEqualTo(Verdict.CAPTIVE);
        assertThat(verdict(answer(FIREFOX, 203, canonical))).as("only a 200").isNotEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(FIREFOX_TXT, 200, "success\n"))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(FIREFOX_TXT, 200, "<html>success! now <a href='/login'>sign in</a></html>"))).isEqualTo(Verdict.CAPTIVE);
    }

    /**
     * The 204 probe's tiny bodies: Chromium captive_portal_detector.cc and shill portal_detector.cc take a 200 of 0 or 1
     * bytes as the genuine answer; Android NetworkMonitor.sendHttpProbe calls a 200 of at most 4 bytes a failed probe, not
     * a portal ("the user cannot sign-in to an empty page"). NetworkManager nm-connectivity.c calls a 1-byte 200 a portal.
     */
    @Test
    void tinyBodiesAreNotPortals() {
        assertThat(verdict(answer(GOOGLE, 200, ""))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(GOOGLE, 200, "\n"))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(GOOGLE, 200, "ok"))).isEqualTo(Verdict.LIMITED);
        assertThat(verdict(answer(GOOGLE, 200, "ok\r\n"))).isEqualTo(Verdict.LIMITED);
        assertThat(verdict(answer(GOOGLE, 200, "<html>"))).isEqualTo(Verdict.CAPTIVE);
        var shortOfItsLength = new RecordedResponse(GOOGLE.url(), 200, "", io.captivewatch.core.probe.Headers.EMPTY,
                new byte[]{'<'}, true, 5);
        assertThat(verdict(ProbeObservation.ofResponse(GOOGLE, shortOfItsLength))).as("a cut-off page is a page").isEqualTo(Verdict.CAPTIVE);
    }

    /** NetworkManager nm-connectivity.c: the body starts with the response, or X-NetworkManager-Status: online (any case) on the answer. */
    @Test
    void gnomesProbeFollowsNetworkManager() {
        assertThat(verdict(answer(GNOME, 200, "NetworkManager is online\n"))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(GNOME, 200, "NetworkManager is online, and more"))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(GNOME, 200, "<html>sign in</html>", "x-networkmanager-status", " Online "))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(GNOME, 200, "<html>NetworkManager is online? sign in</html>"))).isEqualTo(Verdict.CAPTIVE);
        assertThat(verdict(answer(GNOME, 200, "<html>sign in</html>", "X-NetworkManager-Status", "offline"))).isEqualTo(Verdict.CAPTIVE);
    }

    /** Configured answers (NetworkManager's response=, Android's probe specs): a self-hosted check is not a portal. */
    @Test
    void aConfiguredAnswerDecides() {
        ProbeSpec fedora = ProbeSpec.parse("http://fedoraproject.org/static/hotspot.txt prefix=OK label=Fedora");
        assertThat(verdict(answer(fedora, 200, "OK\n"))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(fedora, 200, "<html>Sign in to the hotel network</html>"))).isEqualTo(Verdict.CAPTIVE);
        ProbeSpec company = ProbeSpec.parse("https://check.corp.example/ping status=200 body=pong%0A header=X-Corp-Check:yes");
        assertThat(verdict(answer(company, 200, "pong\n"))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(company, 200, "pong"))).as("exact body").isEqualTo(Verdict.LIMITED); // 4 bytes: tiny
        assertThat(verdict(answer(company, 503, "down", "X-Corp-Check", "YES"))).as("the header alone").isEqualTo(Verdict.ONLINE);
        ProbeSpec anyOk = ProbeSpec.parse("http://10.1.2.3/health status=200");
        assertThat(verdict(answer(anyOk, 200, "{\"status\":\"fine\"}"))).isEqualTo(Verdict.ONLINE);
        assertThat(verdict(answer(anyOk, 302, "", "Location", "http://10.1.2.3/login"))).isEqualTo(Verdict.CAPTIVE);
    }

    /**
     * Redirects: any redirect is portal evidence (Firefox CaptiveDetect any 3xx, Android StatusCodeProbeSpec, shill
     * portal_detector.cc); the probe URL itself and its https twin are never offered as the login page; an upgrade to the
     * same address over https is judged where it lands (Chromium's detector, which follows redirects, does the same).
     */
    @Test
    void redirectsAndTheProbeItself() {
        URI twin = URI.create("https://connectivitycheck.gstatic.com/generate_204");
        var upgrade = response(GOOGLE.url(), 301, "", "Location", twin.toString());
        var genuine = response(twin, 204, "");
        assertThat(verdict(chain(GOOGLE, upgrade, genuine))).isEqualTo(Verdict.ONLINE);
        var page = response(twin, 200, "<html><a href='https://portal.example.net/login'>Sign in</a></html>");
        Classification landedOnAPage = classifier.classify(List.of(chain(GOOGLE, upgrade, page)));
        assertThat(landedOnAPage.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(landedOnAPage.candidates()).extracting(c -> c.url().toString())
                .contains("https://portal.example.net/login").doesNotContain(twin.toString(), GOOGLE.url().toString());
        var tlsFailed = new ProbeObservation(GOOGLE, Instant.EPOCH, List.of(upgrade), ErrorKind.TLS, "certificate", 10, List.of());
        assertThat(verdict(tlsFailed)).isEqualTo(Verdict.CAPTIVE).as("a redirect whose landing we never saw is a redirect");

        var toItself = response(GOOGLE.url(), 302, "", "Location", GOOGLE.url().toString());
        var loop = new ProbeObservation(GOOGLE, Instant.EPOCH, List.of(toItself), ErrorKind.TOO_MANY_REDIRECTS, "loop", 10, List.of());
        Classification self = classifier.classify(List.of(loop));
        assertThat(self.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(self.loginUrl().map(WebUrl::uri)).as("never the probe URL after a redirect").isEmpty();
        Classification unfollowedTwin = classifier.classify(List.of(chain(GOOGLE, upgrade)));
        assertThat(unfollowedTwin.loginUrl().map(WebUrl::uri)).isEmpty();
    }

    /** RFC 6585 section 6: the 511 page is meant to be shown; Firefox opens the canonical URL, Android the probe URL. */
    @Test
    void a511WithoutALinkOffersItsOwnPage() {
        Classification c = classifier.classify(List.of(answer(GOOGLE, 511, "<html>Please sign in at the front desk</html>")));
        assertThat(c.loginUrl().map(WebUrl::uri)).contains(GOOGLE.url());
        Classification linked = classifier.classify(List.of(answer(GOOGLE, 511, "", "Link", "<https://portal.example.net/>; rel=\"captive-portal\"")));
        assertThat(linked.loginUrl().map(WebUrl::uri)).contains(URI.create("https://portal.example.net/"));
    }

    private static CapportStatus api(String apiUrl, boolean captive, String portal) {
        return new CapportStatus(URI.create(apiUrl), "test", captive, Optional.of(URI.create(portal)), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), false, List.of());
    }

    /**
     * RFC 8908 section 4 requires https; Android NetworkMonitor.sendCapportApiProbe ignores any other API. Ours: an https
     * API is believed (its link first); a plain-http API adds evidence but its link comes after the probe's and it
     * cannot make a portal of a network whose probes got through.
     */
    @Test
    void aPlainHttpApiNeverOutranksTheProbes() {
        ProbeObservation redirected = answer(GOOGLE, 302, "", "Location", "http://10.0.0.1/login");
        Classification viaHttp = classifier.classify(List.of(redirected),
                Optional.of(api("http://10.0.0.1/api", true, "http://evil.example/phish")));
        assertThat(viaHttp.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(viaHttp.loginUrl().map(WebUrl::uri)).contains(URI.create("http://10.0.0.1/login"));
        assertThat(viaHttp.candidates()).extracting(c -> c.url().toString()).contains("http://evil.example/phish");
        Classification viaHttps = classifier.classify(List.of(redirected),
                Optional.of(api("https://10.0.0.1/api", true, "https://portal.example.net/")));
        assertThat(viaHttps.loginUrl().map(WebUrl::uri)).contains(URI.create("https://portal.example.net/"));

        Classification httpAlone = classifier.classify(List.of(online(GOOGLE)), Optional.of(api("http://10.0.0.1/api", true, "http://x.example/")));
        assertThat(httpAlone.verdict()).isEqualTo(Verdict.ONLINE);
        assertThat(httpAlone.warnings()).anyMatch(w -> w.contains("plain http"));
        Classification httpsAlone = classifier.classify(List.of(online(GOOGLE)), Optional.of(api("https://10.0.0.1/api", true, "https://x.example/")));
        assertThat(httpsAlone.verdict()).isEqualTo(Verdict.CAPTIVE);
    }
}
