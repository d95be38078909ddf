package io.captivewatch.core.classify;

import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.extract.LoginLinkExtractor;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.url.WebUrl;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.captivewatch.core.classify.Observations.*;
import static org.assertj.core.api.Assertions.assertThat;

class ClassifierTest {
    private final Classifier classifier = new Classifier();

    private Classification classify(ProbeObservation... o) {
        return classifier.classify(List.of(o));
    }

    @Test
    void genuineAnswersAreOnline() {
        Classification c = classify(online(GOOGLE), online(APPLE), online(HTTPS));
        assertThat(c.verdict()).isEqualTo(Verdict.ONLINE);
        assertThat(c.loginUrl().map(WebUrl::uri)).isEmpty();
        assertThat(c.evidence()).contains("as expected");
    }

    @Test
    void emptyTwoHundredCountsAsNoContent() {
        assertThat(classify(answer(GOOGLE, 200, "")).verdict()).isEqualTo(Verdict.ONLINE);
    }

    @Test
    void redirectIsCaptiveAndNamesTheTarget() {
        Classification c = classify(answer(GOOGLE, 302, "", "Location", "http://10.0.0.1/login?x=1"), online(APPLE));
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.loginUrl().map(WebUrl::uri)).contains(URI.create("http://10.0.0.1/login?x=1"));
        assertThat(c.evidence()).contains("Google").contains("302").contains("http://10.0.0.1/login?x=1");
        assertThat(c.deciding().orElseThrow().observation().spec()).isEqualTo(GOOGLE);
    }

    @Test
    void portalEvidenceOnAnyProbeWinsOverSuccessElsewhere() {
        Classification c = classify(online(GOOGLE), answer(APPLE, 200, "<html>Welcome to Hotel WiFi</html>", "Content-Type", "text/html"), online(HTTPS));
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.deciding().orElseThrow().observation().spec()).isEqualTo(APPLE);
        assertThat(c.evidence()).contains("with a page");
    }

    @Test
    void status511IsCaptiveEvenWithoutLinkAndWarns() {
        Classification c = classify(answer(GOOGLE, 511, "Sign in required"));
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.evidence()).contains("511");
        assertThat(c.warnings()).anyMatch(w -> w.contains("no link"));
        // Its page is meant to be shown: the probe URL is the login page (issue #15; Firefox, Android).
        assertThat(c.loginUrl().map(WebUrl::uri)).contains(GOOGLE.url());
    }

    @Test
    void cacheable511IsWarnedAbout() {
        Classification c = classify(answer(GOOGLE, 511, "", "Cache-Control", "public, max-age=3600", "Location", "http://p/"));
        assertThat(c.warnings()).anyMatch(w -> w.contains("cacheable"));
        Classification fine = classify(answer(GOOGLE, 511, "", "Cache-Control", "no-store"));
        assertThat(fine.warnings()).noneMatch(w -> w.contains("cacheable"));
    }

    @Test
    void status401And407AreNotPortals() {
        Classification auth = classify(answer(GOOGLE, 401, "", "WWW-Authenticate", "Basic realm=\"corp\""));
        assertThat(auth.verdict()).isEqualTo(Verdict.AUTH_REQUIRED);
        assertThat(auth.evidence()).contains("Basic").contains("not a captive portal");
        assertThat(auth.loginUrl().map(WebUrl::uri)).isEmpty();
        Classification proxy = classify(answer(GOOGLE, 407, "", "Proxy-Authenticate", "Negotiate"), answer(APPLE, 401, ""));
        assertThat(proxy.verdict()).isEqualTo(Verdict.PROXY_AUTH_REQUIRED);
        assertThat(proxy.evidence()).contains("Negotiate");
    }

    @Test
    void serverErrorsAreLimited() {
        Classification c = classify(answer(GOOGLE, 503, "busy"), answer(APPLE, 404, "nope"));
        assertThat(c.verdict()).isEqualTo(Verdict.LIMITED);
        assertThat(c.evidence()).contains("503");
    }

    @Test
    void httpsFailingWhileHttpWorksIsLimited() {
        Classification c = classify(online(GOOGLE), error(HTTPS, ErrorKind.TLS, "PKIX path building failed"));
        assertThat(c.verdict()).isEqualTo(Verdict.LIMITED);
        assertThat(c.evidence()).contains("Plain HTTP works").contains("TLS");
        assertThat(c.deciding().orElseThrow().observation().spec()).isEqualTo(HTTPS);
    }

    @Test
    void cancelledProbesDoNotCount() {
        Classification c = classify(online(GOOGLE), error(HTTPS, ErrorKind.CANCELLED, "not needed"));
        assertThat(c.verdict()).isEqualTo(Verdict.ONLINE);
    }

    @Test
    void noAnswerAtAllIsOffline() {
        Classification c = classify(error(GOOGLE, ErrorKind.DNS, "unknown host"), error(APPLE, ErrorKind.DNS, "unknown host"));
        assertThat(c.verdict()).isEqualTo(Verdict.OFFLINE);
        assertThat(c.evidence()).contains("DNS").contains("all 2 probes");
        Classification mixed = classify(error(GOOGLE, ErrorKind.TIMEOUT, ""), error(APPLE, ErrorKind.REFUSED, ""));
        assertThat(mixed.verdict()).isEqualTo(Verdict.OFFLINE);
        assertThat(mixed.evidence()).contains("timed out").contains("refused");
    }

    @Test
    void aRedirectOnTheProbesOwnHostIsStillCaptive() {
        // Changed by issue #15: it used to be ONLINE when the chain ended in the genuine answer on the same host.
        // Firefox (CaptiveDetect: any 3xx), Android (StatusCodeProbeSpec: 200..399 but 204) and shill (a redirect
        // with a Location) all call it a portal; the genuine servers never redirect.
        var first = response(GOOGLE.url(), 301, "", "Location", "/generate_204/");
        var second = response(URI.create("http://connectivitycheck.gstatic.com/generate_204/"), 204, "");
        assertThat(classify(chain(GOOGLE, first, second)).verdict()).isEqualTo(Verdict.CAPTIVE);
        var elsewhere = response(URI.create("http://portal.example.net/generate_204"), 204, "");
        var away = response(GOOGLE.url(), 302, "", "Location", "http://portal.example.net/generate_204");
        assertThat(classify(chain(GOOGLE, away, elsewhere)).verdict()).isEqualTo(Verdict.CAPTIVE);
    }

    @Test
    void privateDnsAnswerIsNamedInTheEvidence() {
        var hop = response(GOOGLE.url(), 200, "<html>login</html>");
        var o = new ProbeObservation(GOOGLE, java.time.Instant.EPOCH, List.of(hop), null, "", 3, List.of("192.168.4.1"));
        Classification c = classify(o);
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.evidence()).contains("192.168.4.1").contains("private address");
    }

    @Test
    void capportApiSayingCaptiveIsAuthoritativeAndItsPortalUrlPreferred() {
        URI portal = URI.create("https://portal.example.net/login");
        CapportStatus api = new CapportStatus(URI.create("https://portal.example.net/api"), "test", true,
                Optional.of(portal), Optional.empty(), OptionalLong.of(600), OptionalLong.empty(), true, List.of());
        Classification c = classifier.classify(List.of(online(GOOGLE)), Optional.of(api));
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.loginUrl().map(WebUrl::uri)).contains(portal);
        Classification both = classifier.classify(List.of(answer(GOOGLE, 302, "", "Location", "http://10.0.0.1/x")), Optional.of(api));
        assertThat(both.loginUrl().map(WebUrl::uri)).contains(portal);
        assertThat(both.candidates()).extracting(lc -> lc.url().toString()).contains("http://10.0.0.1/x");
    }

    @Test
    void capportApiSayingNotCaptiveDoesNotOverrideInterceptedProbes() {
        CapportStatus api = new CapportStatus(URI.create("https://p/api"), "test", false,
                Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), false, List.of());
        Classification c = classifier.classify(List.of(answer(GOOGLE, 302, "", "Location", "http://10.0.0.1/x")), Optional.of(api));
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.warnings()).anyMatch(w -> w.contains("not captive"));
    }

    @Test
    void linksToThisComputerFromARemoteProbeAreNeverOffered() {
        // issue #13 item 6: a portal pointing at http://localhost:631/ would open the user's own CUPS page
        String[][] answers = {
                {"302", "", "Location", "http://localhost:631/"},
                {"200", "<html><head><meta http-equiv=refresh content=\"0; url=http://printer.localhost/\"></head></html>",
                        "Refresh", "0; url=http://127.0.0.1/"},
                {"200", "{\"loginUrl\": \"http://[::1]:8080/login\"}", "Content-Type", "application/json"},
                // java.net.URI reads no host in 0x7f.1 (a label cannot start with a digit), so SafeUrl refuses it outright
                {"511", "", "Link", "<http://0x7f.1/>; rel=\"captive-portal\""},
                {"511", "", "Link", "<http://2130706433/>; rel=\"captive-portal\""},
                {"200", "<html><body><a href=\"http://2130706433/login\">Log in</a><form action=\"http://0177.0.0.1/auth\">"
                        + "<input type=password name=p></form><script>window.location = \"http://[::ffff:127.0.0.1]/\";</script></body></html>"},
        };
        for (String[] a : answers) {
            String[] headers = java.util.Arrays.copyOfRange(a, 2, a.length);
            Classification c = classify(answer(GOOGLE, Integer.parseInt(a[0]), a[1], headers));
            assertThat(c.verdict()).as(String.join(" ", a)).isEqualTo(Verdict.CAPTIVE);
            assertThat(c.candidates()).as(String.join(" ", a))
                    .noneMatch(lc -> io.captivewatch.core.url.SafeUrl.isThisComputer(lc.url().uri().getHost()));
            if (a[0].equals("302") || a[0].equals("511")) {
                // a 511 left with no link offers its own page (issue #15: the 511 page is meant to be shown), a 302 nothing
                if (a[0].equals("511")) assertThat(c.loginUrl().map(WebUrl::uri)).as(String.join(" ", a)).contains(GOOGLE.url());
                else assertThat(c.loginUrl().map(WebUrl::uri)).as(String.join(" ", a)).isEmpty();
                if (!a[a.length - 1].contains("0x7f")) {
                    assertThat(c.evidence()).as(String.join(" ", a)).contains("at this computer, where no portal lives");
                }
            }
        }
        Classification c = classify(answer(GOOGLE, 302, "", "Location", "http://localhost:631/"));
        assertThat(c.evidence()).contains("Not offered as the login page: http://localhost:631/");
        // private, CGNAT and link-local addresses are where portals live
        for (String ok : new String[]{"http://10.0.0.1/login", "http://100.64.0.1/", "http://169.254.1.1/", "http://[fe80::1]/"}) {
            assertThat(classify(answer(GOOGLE, 302, "", "Location", ok)).loginUrl().map(WebUrl::uri)).as(ok).contains(URI.create(ok));
        }
        // a probe on this computer (the test portals) may point there
        ProbeSpec local = ProbeSpec.forUrl(URI.create("http://127.0.0.1:8080/generate_204"));
        assertThat(classify(answer(local, 302, "", "Location", "http://localhost:631/")).loginUrl().map(WebUrl::uri))
                .contains(URI.create("http://localhost:631/"));
    }

    @Test
    void anApiUserPortalUrlOnThisComputerIsNotOffered() {
        CapportStatus api = new CapportStatus(URI.create("https://portal.example.net/api"), "test", true,
                Optional.of(URI.create("http://localhost:631/")), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), true, List.of());
        Classification c = classifier.classify(List.of(online(GOOGLE)), Optional.of(api));
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.loginUrl().map(WebUrl::uri)).isEmpty();
        assertThat(c.evidence()).contains("http://localhost:631/").contains("where no portal lives");
    }

    @Test
    void javascriptLocationIsNeverALoginUrl() {
        Classification c = classify(answer(GOOGLE, 302, "", "Location", "javascript:alert(1)"));
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.loginUrl().map(WebUrl::uri)).isEmpty();
        assertThat(c.evidence()).doesNotContain("alert(1)").contains("javascript: not an http(s) URL");
    }

    @Test
    void decisivenessMatchesPortalAndAuthEvidence() {
        assertThat(classifier.isDecisive(answer(GOOGLE, 302, "", "Location", "http://x/"))).isTrue();
        assertThat(classifier.isDecisive(answer(GOOGLE, 407, ""))).isTrue();
        assertThat(classifier.isDecisive(online(GOOGLE))).isFalse();
        assertThat(classifier.isDecisive(error(GOOGLE, ErrorKind.TIMEOUT, ""))).isFalse();
    }

    @Test
    void eachProbesLoginLinksAreExtractedOnce() {
        // extraction parses the bodies; it used to run again for every comparison while ranking the portal
        // probes, for the candidate list and for the 511 warnings (an 8-entry cache in the extractor hid that)
        Map<ProbeObservation, Integer> calls = new IdentityHashMap<>();
        LoginLinkExtractor extractor = new LoginLinkExtractor();
        Classifier counting = new Classifier(o -> {
            calls.merge(o, 1, Integer::sum);
            return extractor.extractChain(o);
        });
        ProbeObservation redirect = answer(GOOGLE, 302, "", "Location", "http://10.0.0.1/login");
        ProbeObservation page = answer(APPLE, 200, "<html><a href=\"/login\">Sign in</a></html>", "Content-Type", "text/html");
        ProbeObservation nsc = answer(ProbeSpec.forUrl(URI.create("http://nmcheck.gnome.org/check_network_status.txt"), "GNOME"),
                511, "<html><form action=\"/auth\"><input type=\"password\"></form></html>", "Content-Type", "text/html");
        ProbeObservation ok = online(HTTPS);
        List<ProbeObservation> all = List.of(redirect, page, nsc, ok);
        Classification c = counting.classify(all);
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.candidates()).hasSizeGreaterThan(2);
        assertThat(calls).containsOnlyKeys(redirect, page, nsc);
        assertThat(calls.values()).as("extractions per probe").containsOnly(1);
        assertThat(c).isEqualTo(new Classifier().classify(all));
    }

    @Test
    void a511WithoutItsOwnLinkWarnsEvenWhenAnEarlierHopHadOne() {
        URI wait = URI.create("http://10.0.0.1/wait");
        Classification c = classify(chain(GOOGLE, response(GOOGLE.url(), 302, "", "Location", wait.toString()),
                response(wait, 511, "Sign in required")));
        assertThat(c.loginUrl().map(WebUrl::uri)).contains(wait);
        assertThat(c.warnings()).anyMatch(w -> w.contains("511") && w.contains("no link"));
        Classification linked = classify(chain(GOOGLE, response(GOOGLE.url(), 302, "", "Location", wait.toString()),
                response(wait, 511, "", "Link", "<http://10.0.0.1/login>; rel=\"captive-portal\"")));
        assertThat(linked.warnings()).noneMatch(w -> w.contains("no link"));
    }
}
