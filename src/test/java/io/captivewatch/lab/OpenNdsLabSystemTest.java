package io.captivewatch.lab;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.testing.Requirements;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against a real portal: openNDS in network namespaces (src/test/lab). Inside the client
 * namespace, CaptiveWatch's discovery reads option 114 from the udhcpc hook file, the RFC 8908 client
 * asks openNDS, {@code captivewatch check --json} (default vendor probes; the lab's DNS maps their names to
 * the lab's probe server) says captive with the splash as loginUrl, a user-style login through the splash
 * forms makes it say online, and ndsctl deauth makes it captive again. Traffic never leaves the lab.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenNdsLabSystemTest {
    static final String GENERATE_204 = "http://connectivitycheck.gstatic.com/generate_204";
    private Lab lab;
    private long started;

    @BeforeAll
    void up() {
        started = System.nanoTime();
        Requirements.requireRoot();
        Requirements.requireCommands(Lab.COMMANDS);
        lab = Lab.up(); // a failure here (namespaces, openNDS, DHCP) fails the class with lab.sh's output
        System.out.println("[lab] setup took " + lab.setupMillis() + " ms\n" + lab.upOutput().strip());
    }

    @AfterAll
    void down() {
        if (lab != null) lab.close();
        System.out.println("[lab] whole lab test took " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private JsonObject capportInClient() {
        Lab.Exec e = lab.javaInClient(Duration.ofSeconds(20), LabCapport.class.getName());
        assertThat(e.ok()).as("LabCapport in %s: %s", Lab.CLIENT, e).isTrue();
        System.out.println("[lab] capport in client (" + e.millis() + " ms): " + e.stdout().strip());
        return JsonParser.parseString(e.stdout()).getAsJsonObject();
    }

    private int probeStatus() {
        return probeStatus(lab);
    }

    /** The HTTP status the client gets for the Android probe URL (no redirects followed). */
    static int probeStatus(Lab lab) {
        Lab.Exec e = lab.curlInClient(GENERATE_204, "-o", "/dev/null", "-w", "%{http_code}");
        assertThat(e.ok()).as("curl in client: %s", e).isTrue();
        return Integer.parseInt(e.stdout().strip());
    }

    /** {@code captivewatch check --json} with the default vendor probes, run inside the client namespace. */
    private JsonObject checkInClient(int wantExit) {
        Lab.Exec e = lab.javaInClient(Duration.ofSeconds(30), "io.captivewatch.Main", "check", "--json");
        System.out.println("[lab] check --json in client: exit " + e.exitCode() + " after " + e.millis() + " ms");
        assertThat(e.exitCode()).as("check --json in %s: %s", Lab.CLIENT, e).isEqualTo(wantExit);
        JsonObject j = JsonParser.parseString(e.stdout()).getAsJsonObject();
        assertThat(j.get("capport").isJsonObject()).as("capport field in %s", e.stdout()).isTrue();
        JsonObject cap = j.getAsJsonObject("capport");
        assertThat(cap.get("apiUrl").getAsString()).isEqualTo("http://status.client/");
        assertThat(cap.get("discoveredFrom").getAsString()).contains("option 114").contains("udhcpc");
        return j;
    }

    @Test
    @Order(1)
    void discoveryAndCapportApiSeeThePortal() {
        JsonObject j = capportInClient();
        assertThat(j.get("discoveredUri").getAsString()).isEqualTo("http://status.client/");
        assertThat(j.get("discoveredFrom").getAsString()).contains("option 114").contains("udhcpc");
        JsonObject s = j.getAsJsonObject("status");
        assertThat(s).as("capport result: %s", j).isNotNull();
        assertThat(s.get("captive").getAsBoolean()).isTrue();
        assertThat(s.get("userPortalUrl").getAsString()).startsWith("http://10.99.0.1:2050/opennds_preauth/?fas=");
        assertThat(s.get("warnings").toString()).contains("plain HTTP");
    }

    @Test
    @Order(2)
    void checkReportsCaptiveWithTheSplashAsLoginUrl() {
        assertThat(probeStatus()).isEqualTo(307);
        JsonObject j = checkInClient(10);
        assertThat(j.get("verdict").getAsString()).isEqualTo("captive");
        assertThat(j.get("loginUrl").getAsString()).startsWith("http://10.99.0.1:2050/opennds_preauth/?fas=");
        assertThat(j.getAsJsonObject("capport").get("captive").getAsBoolean()).isTrue();
        assertThat(j.getAsJsonObject("capport").get("userPortalUrl").getAsString()).startsWith("http://10.99.0.1:2050/opennds_preauth/");
        assertThat(j.get("probes").toString()).contains("307");
    }

    @Test
    @Order(3)
    void loggingInLikeAUserLetsTheClientOut() {
        Lab.Exec first = lab.curlInClient(GENERATE_204, "-o", "/dev/null", "-w", "%{redirect_url}");
        String splash = first.stdout().strip();
        assertThat(splash).as("redirect from the portal: %s", first).startsWith("http://10.99.0.1:2050/");
        loginThroughForms(URI.create(splash));
        assertThat(probeStatus()).isEqualTo(204);
        JsonObject j = checkInClient(0);
        assertThat(j.get("verdict").getAsString()).isEqualTo("online");
        assertThat(j.get("loginUrl").isJsonNull()).isTrue();
        assertThat(j.getAsJsonObject("capport").get("captive").getAsBoolean()).isFalse();
    }

    @Test
    @Order(4)
    void deauthPutsTheClientBackBehindThePortal() {
        Lab.Exec e = lab.ndsctl("deauth", lab.clientMac());
        assertThat(e.ok()).as("ndsctl deauth: %s", e).isTrue();
        assertThat(probeStatus()).isEqualTo(307);
        JsonObject j = checkInClient(10);
        assertThat(j.get("verdict").getAsString()).isEqualTo("captive");
        assertThat(j.get("loginUrl").getAsString()).startsWith("http://10.99.0.1:2050/opennds_preauth/?fas=");
        assertThat(j.getAsJsonObject("capport").get("captive").getAsBoolean()).isTrue();
    }

    /**
     * What a user does on openNDS's click-through splash: submit the "Accept"/"Continue" form, then the next,
     * until the probe gets through (at most 4 pages). Pages are fetched with curl inside the client namespace.
     */
    private void loginThroughForms(URI page) {
        loginThroughForms(lab, page);
    }

    /** {@link #loginThroughForms(URI)} for other lab tests. */
    static void loginThroughForms(Lab lab, URI page) {
        List<String> trail = new ArrayList<>();
        URI current = page;
        for (int step = 0; step < 4; step++) {
            Lab.Exec e = lab.curlInClient(current.toString());
            assertThat(e.ok()).as("fetching %s: %s", current, e).isTrue();
            trail.add(current.toString());
            if (step > 0 && probeStatus(lab) == 204) return; // that submission logged us in
            Document doc = Jsoup.parse(e.stdout(), current.toString());
            Element form = null;
            for (Element f : doc.select("form")) {
                String label = String.join(" ", f.select("input[type=submit]").eachAttr("value")) + " " + f.select("button").text();
                if (label.matches("(?is).*(accept|continue).*")) {
                    form = f;
                    break;
                }
            }
            assertThat(form).as("a form to accept/continue on %s (trail %s)", current, trail).isNotNull();
            StringBuilder q = new StringBuilder();
            for (Element in : form.select("input[name]")) {
                if (in.attr("type").equalsIgnoreCase("submit")) continue;
                if (q.length() > 0) q.append('&');
                q.append(URLEncoder.encode(in.attr("name"), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(in.attr("value"), StandardCharsets.UTF_8));
            }
            String actionText = form.absUrl("action");
            URI action = URI.create(actionText.isEmpty() ? current.toString() : actionText);
            assertThat(action.getScheme()).isIn("http", "https");
            if (form.attr("method").equalsIgnoreCase("post")) {
                Lab.Exec p = lab.curlInClient(action.toString(), "-o", "/dev/null", "--data", q.toString());
                assertThat(p.ok()).as("POST %s: %s", action, p).isTrue();
                trail.add("POST " + action);
                if (probeStatus(lab) == 204) return;
                current = action;
            } else {
                current = URI.create(action.toString().replaceFirst("\\?.*$", "") + "?" + q);
            }
        }
        throw new AssertionError("still captive after submitting the splash forms: " + trail);
    }
}
