package io.captivewatch.core.extract;

import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.probe.Headers;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.SafeUrl;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractorTest {
    static final URI PROBE = URI.create("http://captive.apple.com/hotspot-detect.html");
    final LoginLinkExtractor x = new LoginLinkExtractor();

    static RecordedResponse resp(int status, String body, String... headers) {
        return resp(PROBE, status, body, headers);
    }

    static RecordedResponse resp(URI url, int status, String body, String... headers) {
        List<Headers.Field> f = new ArrayList<>();
        for (int i = 0; i + 1 < headers.length; i += 2) f.add(new Headers.Field(headers[i], headers[i + 1]));
        return new RecordedResponse(url, status, "", Headers.of(f), body.getBytes(StandardCharsets.UTF_8), false, -1);
    }

    static RecordedResponse html(String body) {
        return resp(200, body, "Content-Type", "text/html");
    }

    List<LoginCandidate> of(RecordedResponse r) {
        List<LoginCandidate> c = x.extract(r);
        assertThat(c).allSatisfy(lc -> {
            assertThat(lc.url().uri().getScheme()).isIn("http", "https");
            assertThat(lc.url().uri().toString().length()).isLessThanOrEqualTo(SafeUrl.MAX_LENGTH);
        });
        return c;
    }

    String best(RecordedResponse r) {
        List<LoginCandidate> c = of(r);
        return c.isEmpty() ? "-" : c.get(0).url().uri().toString();
    }

    LoginCandidate first(RecordedResponse r) {
        return of(r).get(0);
    }

    // ---------------------------------------------------------------- Location

    @Test
    void locationAbsoluteRelativeSchemeless() {
        assertThat(best(resp(302, "", "Location", "http://10.0.0.1/login?x=1"))).isEqualTo("http://10.0.0.1/login?x=1");
        assertThat(best(resp(307, "", "Location", "/portal/login"))).isEqualTo("http://captive.apple.com/portal/login");
        assertThat(best(resp(302, "", "Location", "//gw.test:8002/index.php?zone=z"))).isEqualTo("http://gw.test:8002/index.php?zone=z");
        assertThat(first(resp(302, "", "Location", "http://a.test/")).source()).isEqualTo(LinkSource.LOCATION);
    }

    @Test
    void locationEntityPercentAndWhitespaceRepaired() {
        assertThat(best(resp(302, "", "Location", "http://10.0.0.1/login?a=1&amp;b=2"))).isEqualTo("http://10.0.0.1/login?a=1&b=2");
        assertThat(best(resp(302, "", "Location", "http%3A%2F%2F10.0.0.1%2Flogin%3Fa%3D1"))).isEqualTo("http://10.0.0.1/login?a=1");
        assertThat(best(resp(302, "", "Location", "  \"http://10.0.0.1/log in\"\t"))).isEqualTo("http://10.0.0.1/log%20in");
    }

    @Test
    void hostileLocationsRefused() {
        assertThat(of(resp(302, "", "Location", "javascript:alert(1)"))).isEmpty();
        assertThat(of(resp(302, "", "Location", "&#106;avascript:alert(1)"))).isEmpty();
        assertThat(of(resp(302, "", "Location", "JaVaScRiPt:alert(1)"))).isEmpty();
        assertThat(of(resp(302, "", "Location", "data:text/html,<script>alert(1)</script>"))).isEmpty();
        assertThat(of(resp(302, "", "Location", "file:///etc/passwd"))).isEmpty();
        assertThat(of(resp(302, "", "Location", "vbscript:msgbox"))).isEmpty();
        assertThat(of(resp(302, "", "Location", "myapp://login"))).isEmpty();
        assertThat(of(resp(302, "", "Location", "http://10.0.0.1/" + "a".repeat(10_000)))).isEmpty();
    }

    @Test
    void userInfoIsRefused() {
        assertThat(of(resp(302, "", "Location", "http://user:secret@10.0.0.1/login"))).isEmpty();
        assertThat(of(resp(302, "", "Location", "http://10.0.0.1@evil.test/login"))).isEmpty();
        assertThat(SafeUrl.isAcceptable(URI.create("http://u@h.test/"))).isFalse();
        assertThat(SafeUrl.isAcceptable(URI.create("http://h.test:99999/"))).isFalse();
        assertThat(SafeUrl.isAcceptable(URI.create("http://h.test:8002/"))).isTrue();
    }

    // ---------------------------------------------------------------- Link

    @Test
    void linkHeaderCaptivePortalIsAHintBelowAHumanLoginPage() {
        RecordedResponse r = resp(511, "<p>Please <a href=\"/signin\">sign in</a></p>",
                "Content-Type", "text/html", "Link", "<http://10.0.0.1/api>; rel=\"captive-portal\", </s.css>; rel=stylesheet");
        List<LoginCandidate> c = of(r);
        assertThat(c.get(0).url().uri()).hasToString("http://captive.apple.com/signin");
        assertThat(c).anySatisfy(lc -> {
            assertThat(lc.source()).isEqualTo(LinkSource.LINK_HEADER);
            assertThat(lc.url().uri()).hasToString("http://10.0.0.1/api");
            assertThat(lc.detail()).contains("captive-portal");
        });
        assertThat(c).noneMatch(lc -> lc.url().uri().toString().endsWith("s.css"));
        // alone, the Link header is the answer
        assertThat(best(resp(511, "", "Link", "</portal>; rel=captive-portal"))).isEqualTo("http://captive.apple.com/portal");
    }

    // ---------------------------------------------------------------- meta refresh

    @Test
    void metaRefreshVariants() {
        assertThat(best(html("<meta http-equiv=\"refresh\" content=\"0;URL='http://10.0.0.1/login?a=1&amp;b=2'\">")))
                .isEqualTo("http://10.0.0.1/login?a=1&b=2");
        assertThat(best(html("<META HTTP-EQUIV=Refresh CONTENT=\"5; url=/portal\">"))).isEqualTo("http://captive.apple.com/portal");
        assertThat(best(html("<meta http-equiv='REFRESH' content='0,http://gw.test/'>"))).isEqualTo("http://gw.test/");
        assertThat(best(html("<meta http-equiv=refresh content=\"1;url = &quot;http://gw.test/q&quot;\">"))).isEqualTo("http://gw.test/q");
        assertThat(first(html("<meta http-equiv=refresh content=\"0;url=/x\">")).source()).isEqualTo(LinkSource.META_REFRESH);
        assertThat(MetaRefresh.parse("30")).isEqualTo(new MetaRefresh.Target(30, ""));
        assertThat(MetaRefresh.parse("soon")).isNull();
    }

    @Test
    void metaRefreshToDataIsRefused() {
        List<LoginCandidate> c = of(html("<meta http-equiv=refresh content=\"0;url=data:text/html;base64,PHNjcmlwdD4=\">"));
        assertThat(c).noneMatch(lc -> lc.source() == LinkSource.META_REFRESH);
    }

    @Test
    void baseHrefAppliesToRelativeUrls() {
        assertThat(best(html("<head><base href=\"http://portal.test/app/\"></head><meta http-equiv=refresh content=\"0;url=login\">")))
                .isEqualTo("http://portal.test/app/login");
        // an unsafe base is ignored
        assertThat(best(html("<base href=\"javascript:x\"><meta http-equiv=refresh content=\"0;url=login\">")))
                .isEqualTo("http://captive.apple.com/login");
    }

    // ---------------------------------------------------------------- JavaScript

    @Test
    void javascriptRedirectPatterns() {
        for (String js : List.of("window.location = 'http://gw.test/l';", "location.href=\"http://gw.test/l\"",
                "location.replace('http://gw.test/l')", "window.location.assign( \"http://gw.test/l\" )",
                "top.location.href = 'http://gw.test/l';", "document.location='http://gw.test/l'",
                "window.location.href = `http://gw.test/l`;", "self.location.replace(\"http:\\/\\/gw.test\\/l\")",
                "setTimeout(\"location.href='http://gw.test/l'\", 10)")) {
            RecordedResponse r = html("<script>" + js + "</script>");
            assertThat(best(r)).as(js).isEqualTo("http://gw.test/l");
            assertThat(first(r).source()).as(js).isEqualTo(LinkSource.JAVASCRIPT);
        }
    }

    @Test
    void javascriptRedirectThroughOneVariable() {
        LoginCandidate c = first(html("<script>var loginUrl = \"http://gw.test/portal?id=1\";\n"
                + "function go() { window.location.href = loginUrl; }\ngo();</script>"));
        assertThat(c.url().uri()).hasToString("http://gw.test/portal?id=1");
        assertThat(c.detail()).contains("loginUrl");
        // a variable never assigned a literal, or a call result, gives nothing
        assertThat(of(html("<script>location.href = computeUrl();</script>"))).noneMatch(lc -> lc.source() == LinkSource.JAVASCRIPT);
        assertThat(of(html("<script>location.href = u;</script>"))).noneMatch(lc -> lc.source() == LinkSource.JAVASCRIPT);
    }

    @Test
    void javascriptCommentsAreIgnored() {
        String page = "<script>\n// window.location = 'http://commented.test/';\n/* location.href='http://block.test/' */\n"
                + "var u = 'http://string.test/x'; // a URL in a string stays\n"
                + "if (a == location) {}\nmylocation = 'http://not.test/';\n</script>"
                + "<!-- <script>location.href='http://htmlcomment.test/'</script> -->";
        List<LoginCandidate> c = of(html(page));
        assertThat(c).noneMatch(lc -> lc.source() == LinkSource.JAVASCRIPT);
        assertThat(best(html("<script><!--\nwindow.location.href='http://gw.test/ok';\n//--></script>"))).isEqualTo("http://gw.test/ok");
    }

    @Test
    void javascriptConcatenationAndHandlers() {
        LoginCandidate c = first(html("<script>location.href = 'http://gw.test/login?orig=' + encodeURIComponent(document.URL);</script>"));
        assertThat(c.url().uri()).hasToString("http://gw.test/login?orig=");
        assertThat(c.detail()).contains("concatenation");
        assertThat(best(html("<body onload=\"window.location.replace('/welcome')\">hi</body>"))).isEqualTo("http://captive.apple.com/welcome");
        assertThat(of(html("<button onclick=\"location.href='http://gw.test/go'\">Go</button>")))
                .anyMatch(lc -> lc.source() == LinkSource.JAVASCRIPT && lc.url().uri().toString().equals("http://gw.test/go"));
        assertThat(of(html("<script>location.href='javascript:alert(1)'</script>"))).noneMatch(lc -> lc.source() == LinkSource.JAVASCRIPT);
    }

    // ---------------------------------------------------------------- frames

    @Test
    void framesAndIframes() {
        LoginCandidate f = first(html("<frameset><frame src=\"http://portal.test/main\"></frameset>"));
        assertThat(f.source()).isEqualTo(LinkSource.FRAME);
        assertThat(f.url().uri()).hasToString("http://portal.test/main");
        assertThat(best(html("<p>Hotel</p><iframe src=\"/guest/login\"></iframe><a href=/about>About</a>")))
                .isEqualTo("http://captive.apple.com/guest/login");
        assertThat(of(html("<iframe src=\"file:///etc/passwd\"></iframe>"))).noneMatch(lc -> lc.source() == LinkSource.FRAME);
        List<LoginCandidate> ad = of(html("<iframe src=\"https://www.youtube.com/embed/x\"></iframe><a href=/connect>Connect</a>"));
        assertThat(ad.get(0).url().uri()).hasToString("http://captive.apple.com/connect");
    }

    // ---------------------------------------------------------------- forms

    @Test
    void loginFormsScoreHigh() {
        String page = "<form action=\"/search\"><input name=q></form>"
                + "<form method=post action=\"http://10.5.50.1/login\"><input name=username><input type=PASSWORD name=password></form>";
        LoginCandidate c = first(html(page));
        assertThat(c.source()).isEqualTo(LinkSource.FORM);
        assertThat(c.url().uri()).hasToString("http://10.5.50.1/login");
        assertThat(c.detail()).contains("password");
        // a GET form with a login-ish action, no password
        LoginCandidate g = first(html("<form method=get action=\"/splash/accept\"><input type=hidden name=tok value=1>"
                + "<input type=submit value=\"Accept\"></form>"));
        assertThat(g.url().uri()).hasToString("http://captive.apple.com/splash/accept");
        assertThat(g.detail()).contains("GET");
        // empty action submits to the page itself
        assertThat(of(html("<form><input type=password></form>")))
                .anyMatch(lc -> lc.source() == LinkSource.FORM && lc.url().uri().equals(PROBE));
    }

    // ---------------------------------------------------------------- anchors

    @Test
    void anchorsChosenOverDecoys() {
        String page = "<a href=\"https://cdn.example.com/x.js\">cdn</a>"
                + "<a href=\"https://www.facebook.com/hotel\">Facebook</a>"
                + "<a href=\"https://apps.apple.com/app/id1\">Get the app</a>"
                + "<a href=\"/terms\">Terms and conditions</a><a href=\"/privacy\">Privacy</a><a href=/help>Help</a>"
                + "<a href=\"https://www.google-analytics.com/collect?v=1\">.</a>"
                + "<a href=\"/go\" class=btn>Connect to the Internet</a>";
        List<LoginCandidate> c = of(html(page));
        assertThat(c.get(0).url().uri()).hasToString("http://captive.apple.com/go");
        assertThat(c.get(0).source()).isEqualTo(LinkSource.ANCHOR);
        assertThat(c.get(0).score()).isGreaterThan(c.get(1).score());
        for (String text : List.of("Log in", "Sign in", "Continue", "I accept", "Login", "登录")) {
            assertThat(best(html("<a href=/privacy>Privacy</a><a href=/x>" + text + "</a><a href=/about>About us</a>")))
                    .as(text).isEqualTo("http://captive.apple.com/x");
        }
        assertThat(best(html("<a href=/terms>Terms</a><a href=\"/guest/s/default/\">here</a>"))).isEqualTo("http://captive.apple.com/guest/s/default/");
    }

    // ---------------------------------------------------------------- WISPr

    @Test
    void wisprInXmlAndInsideHtmlComments() {
        String wispr = "<WISPAccessGatewayParam xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<Redirect><AccessProcedure>1.0</AccessProcedure><AccessLocation>x</AccessLocation>"
                + "<LoginURL>https://10.1.0.1:4990/www/login.chi?res=wispr&amp;uamip=10.1.0.1</LoginURL>"
                + "<AbortLoginURL>http://10.1.0.1:3990/abort</AbortLoginURL>"
                + "<NextURL>http://www.example.com/</NextURL><MessageType>100</MessageType><ResponseCode>0</ResponseCode>"
                + "</Redirect></WISPAccessGatewayParam>";
        LoginCandidate c = first(resp(200, "<?xml version=\"1.0\"?>" + wispr, "Content-Type", "text/xml"));
        assertThat(c.source()).isEqualTo(LinkSource.WISPR);
        assertThat(c.url().uri()).hasToString("https://10.1.0.1:4990/www/login.chi?res=wispr&uamip=10.1.0.1");
        LoginCandidate h = first(html("<html><!--" + wispr + "--><body><a href=/terms>Terms</a></body></html>"));
        assertThat(h.source()).isEqualTo(LinkSource.WISPR);
        assertThat(of(html("<!--" + wispr + "-->"))).anyMatch(lc -> lc.detail().equals("NextURL") && lc.score() < 500);
        assertThat(best(resp(200, "<WISPAccessGatewayParam><Redirect><LoginURL><![CDATA[http://gw.test/l?a=1&b=2]]></LoginURL></Redirect></WISPAccessGatewayParam>")))
                .isEqualTo("http://gw.test/l?a=1&b=2");
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void jsonFields() {
        for (String key : List.of("loginUrl", "login_url", "loginURL", "user-portal-url", "portal_url", "redirect_url", "url")) {
            RecordedResponse r = resp(511, "{\"a\":1,\"" + key + "\":\"http://gw.test/" + key + "\"}", "Content-Type", "application/json");
            LoginCandidate c = first(r);
            assertThat(c.source()).as(key).isEqualTo(LinkSource.JSON);
            assertThat(c.url().uri()).as(key).hasToString("http://gw.test/" + key);
        }
        // nested one level; preferred key wins over a generic url
        assertThat(best(resp(200, "{\"url\":\"http://gw.test/generic\",\"data\":{\"login_url\":\"/nested\"}}", "Content-Type", "application/json")))
                .isEqualTo("http://captive.apple.com/nested");
        // two levels deep is not looked at
        assertThat(of(resp(200, "{\"a\":{\"b\":{\"loginUrl\":\"http://gw.test/deep\"}}}", "Content-Type", "application/json")))
                .noneMatch(lc -> lc.source() == LinkSource.JSON);
        // malformed JSON keeps what came before the error
        assertThat(best(resp(200, "{\"loginUrl\":\"http://gw.test/a\", broken", "Content-Type", "application/json"))).isEqualTo("http://gw.test/a");
        assertThat(of(resp(200, "{\"loginUrl\":\"javascript:alert(1)\"}", "Content-Type", "application/json")))
                .noneMatch(lc -> lc.source() == LinkSource.JSON);
        // HTML mislabelled as JSON is still read as HTML
        assertThat(best(resp(200, "<html><a href=/login>Log in</a></html>", "Content-Type", "application/json")))
                .isEqualTo("http://captive.apple.com/login");
        // RFC 8908 JSON answered in place of the probe
        assertThat(first(resp(200, "{\"captive\": true, \"user-portal-url\": \"https://portal.test/\"}", "Content-Type",
                "application/captive+json")).url().uri()).hasToString("https://portal.test/");
    }

    // ---------------------------------------------------------------- chains, capport, dedup, bounds

    @Test
    void landingPageOfARedirectChainOutranksTheFirstLocation() {
        ProbeSpec spec = ProbeSpec.forUrl(PROBE);
        URI portal = URI.create("http://portal.test/redirect?x=1");
        URI landing = URI.create("https://portal.test/guest/login");
        ProbeObservation o = new ProbeObservation(spec, Instant.EPOCH, List.of(
                resp(PROBE, 302, "", "Location", portal.toString()),
                resp(portal, 302, "", "Location", landing.toString()),
                resp(landing, 200, "<form method=post action=/guest/auth><input type=password></form>", "Content-Type", "text/html")),
                null, "", 10, List.of());
        List<LoginCandidate> c = x.extract(o);
        assertThat(c.get(0).url().uri()).isEqualTo(landing);
        assertThat(c.get(0).source()).isEqualTo(LinkSource.PAGE_URL);
        assertThat(c).extracting(lc -> lc.url().uri()).contains(portal, URI.create("https://portal.test/guest/auth"));
        // a chain that ends in an error page: the first Location wins
        ProbeObservation bad = new ProbeObservation(spec, Instant.EPOCH, List.of(
                resp(PROBE, 302, "", "Location", portal.toString()), resp(portal, 404, "not found")), null, "", 10, List.of());
        assertThat(x.extract(bad).get(0).url().uri()).isEqualTo(portal);
    }

    @Test
    void inPlacePageWithNothingElseOffersItself() {
        LoginCandidate c = first(html("<h1>Welcome to the hotel</h1>"));
        assertThat(c.source()).isEqualTo(LinkSource.PAGE_URL);
        assertThat(c.url().uri()).isEqualTo(PROBE);
        assertThat(c.score()).isLessThan(LoginLinkExtractor.OTHER_FORM);
    }

    @Test
    void fromCapport() {
        CapportStatus s = new CapportStatus(URI.create("https://api.test/capport"), "test", true,
                Optional.of(URI.create("https://portal.test/")), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), false, List.of());
        LoginCandidate c = LoginLinkExtractor.fromCapport(s).orElseThrow();
        assertThat(c.source()).isEqualTo(LinkSource.CAPPORT_API);
        assertThat(c.score()).isGreaterThan(LoginLinkExtractor.LANDING_PAGE);
        CapportStatus none = new CapportStatus(URI.create("https://api.test/capport"), "test", true,
                Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), false, List.of());
        assertThat(LoginLinkExtractor.fromCapport(none)).isEmpty();
        CapportStatus bad = new CapportStatus(URI.create("https://api.test/capport"), "test", true,
                Optional.of(URI.create("ftp://portal.test/")), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), false, List.of());
        assertThat(LoginLinkExtractor.fromCapport(bad)).isEmpty();
    }

    @Test
    void dedupedKeepingTheBestScoreAndBounded() {
        RecordedResponse r = resp(302, "<a href=\"http://gw.test/l\">Log in</a>", "Location", "http://gw.test/l", "Content-Type", "text/html");
        List<LoginCandidate> c = of(r);
        assertThat(c).filteredOn(lc -> lc.url().uri().toString().equals("http://gw.test/l")).hasSize(1);
        assertThat(c.get(0).source()).isEqualTo(LinkSource.LOCATION);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) sb.append("<a href=/p").append(i).append(">x</a>");
        assertThat(of(html(sb.toString()))).hasSizeLessThanOrEqualTo(LoginLinkExtractor.MAX_CANDIDATES);
    }

    @Test
    void deepNestingAndHugeBodiesFinishQuickly() {
        String deep = "<div>".repeat(10_000) + "<a href=/login>Log in</a>" + "</div>".repeat(10_000);
        long t0 = System.nanoTime();
        List<LoginCandidate> c = of(html(deep));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
        assertThat(c).anyMatch(lc -> lc.url().uri().toString().equals("http://captive.apple.com/login"));
        String b = "<b><i><a href=x>".repeat(5_000);
        t0 = System.nanoTime();
        of(html(b));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
    }

    @Test
    void thePagesOwnHostIsNeverADecoy() {
        URI gstatic = URI.create("http://connectivitycheck.gstatic.com/generate_204");
        LoginCandidate c = first(resp(gstatic, 200, "<a href=/terms>Terms</a><a href=/signin>Sign in</a>", "Content-Type", "text/html"));
        assertThat(c.url().uri()).hasToString("http://connectivitycheck.gstatic.com/signin");
        assertThat(c.source()).isEqualTo(LinkSource.ANCHOR);
    }

    @Test
    void nonAsciiIsPercentEncoded() {
        assertThat(best(resp(302, "", "Location", "http://10.0.0.1/登录?q=é"))).isEqualTo("http://10.0.0.1/%E7%99%BB%E5%BD%95?q=%C3%A9");
    }
}
