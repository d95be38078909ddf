package io.captivewatch.lab;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.settings.SettingsStore;
import io.captivewatch.testing.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code captivewatch watch --json} inside the lab's client namespace, against the real openNDS portal:
 * started before the client has an address, it notices the DHCP lease on its own (network joined), says
 * captive with the splash and prompts; after a user-style login it says online; after {@code ndsctl deauth}
 * it says captive again. Deauth changes nothing the client can see (no link, address or route event), so
 * only the next online re-check notices it: this test's settings use the shortest online interval (30 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenNdsWatchSystemTest {
    private static final String SPLASH = "http://10.99.0.1:2050/opennds_preauth/?fas=";
    private Lab lab;
    private LabProcess watch;
    private Path config;
    private long started;

    @BeforeAll
    void up() throws Exception {
        started = System.nanoTime();
        Requirements.requireRoot();
        Requirements.requireCommands(Lab.COMMANDS);
        lab = Lab.up(true); // portal up, client without an address
        System.out.println("[lab-watch] setup (no DHCP) took " + lab.setupMillis() + " ms");
        config = Files.createTempDirectory("cw-lab-watch");
        new SettingsStore(config).save(Settings.defaults().withOnlineIntervalSeconds(Settings.MIN_ONLINE_INTERVAL));
    }

    @AfterAll
    void down() throws Exception {
        try {
            if (watch != null) {
                watch.close();
                System.out.println("[lab-watch] watch transcript:\n" + watch.transcript());
            }
        } finally {
            if (lab != null) lab.close();
            if (config != null) {
                try (var s = Files.walk(config)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            System.out.println("[lab-watch] whole watch lab test took " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }

    private static Predicate<String> event(String name, Predicate<JsonObject> more) {
        return line -> {
            if (!line.startsWith("{")) return false;
            try {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                return o.has("event") && name.equals(o.get("event").getAsString()) && more.test(o);
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    private static Predicate<String> verdict(String v) {
        return event("verdict", o -> v.equals(o.get("verdict").getAsString()));
    }

    private LabProcess.Line await(String what, Predicate<String> match, long afterNanos, Duration timeout) throws InterruptedException {
        return await(what, match, afterNanos, timeout, () -> "");
    }

    /** {@code hint} is asked after the wait, so it can look at everything watch printed. */
    private LabProcess.Line await(String what, Predicate<String> match, long afterNanos, Duration timeout,
                                  java.util.function.Supplier<String> hint) throws InterruptedException {
        Optional<LabProcess.Line> l = watch.await(match, afterNanos, timeout);
        if (l.isEmpty()) {
            throw new AssertionError("watch printed no " + what + " within " + timeout + hint.get() + "; transcript:\n" + watch.transcript());
        }
        return l.get();
    }

    /** Says what a failure probably means when watch kept reporting DNS failures after the lease. */
    private String dnsHint() {
        boolean dnsAfterJoin = false, joined = false;
        for (LabProcess.Line l : watch.stdout()) {
            if (l.text().contains("\"event\":\"network\"")) joined = true;
            else if (joined && l.text().contains("did not resolve (DNS)")) dnsAfterJoin = true;
        }
        return dnsAfterJoin ? " (after the lease watch still said 'did not resolve (DNS)' although the lab's DNS answers:"
                + " the JVM caches failed lookups for 10 s (networkaddress.cache.negative.ttl), so the pre-lease"
                + " failures are replayed after the network change)" : "";
    }

    /** JVM options for watch: headless, plus any given in system property captivewatch.lab.watchJvm (space-separated). */
    private static List<String> watchJvmOptions() {
        List<String> o = new java.util.ArrayList<>(List.of("-Djava.awt.headless=true"));
        String extra = System.getProperty("captivewatch.lab.watchJvm", "").strip();
        if (!extra.isEmpty()) o.addAll(List.of(extra.split("\\s+")));
        return o;
    }

    private static long ms(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    @Test
    @Order(1)
    void watchStartedBeforeTheLeaseSeesTheNetworkThePortalAndPrompts() throws Exception {
        assertThat(lab.inClient(Duration.ofSeconds(5), "ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout())
                .as("client has no IPv4 address before DHCP").doesNotContain("inet ");
        watch = LabProcess.start("watch", lab.javaCommand(watchJvmOptions(), "io.captivewatch.Main",
                "watch", "--json", "--config", config.toString()), Map.of());
        LabProcess.Line watching = await("'watching' line", event("watching", o -> true), 0, Duration.ofSeconds(20));
        System.out.println("[lab-watch] watch started in " + ms(watch.startNanos(), watching.nanos()) + " ms: " + watching.text());
        // with no address and no route it cannot be online; let its first check finish before the lease
        LabProcess.Line first = await("first verdict", event("verdict", o -> true), 0, Duration.ofSeconds(20));
        assertThat(first.text()).doesNotContain("\"verdict\":\"online\"").doesNotContain("\"verdict\":\"captive\"");

        long dhcpStart = System.nanoTime();
        Lab.Exec d = lab.dhcp();
        long lease = System.nanoTime();
        System.out.println("[lab-watch] DHCP took " + d.millis() + " ms: " + d.stderr().strip());

        LabProcess.Line joined = await("network joined", event("network", o -> "joined".equals(o.get("kind").getAsString())),
                dhcpStart, Duration.ofSeconds(15));
        LabProcess.Line captive = await("captive verdict", event("verdict", o -> "captive".equals(o.get("verdict").getAsString())
                && o.get("loginUrl").getAsString().startsWith(SPLASH)), dhcpStart, Duration.ofSeconds(20));
        LabProcess.Line prompt = await("prompt", event("prompt", o -> o.get("url").getAsString().startsWith(SPLASH)
                && o.get("automatic").getAsBoolean()), dhcpStart, Duration.ofSeconds(10));
        assertThat(joined.nanos()).isLessThanOrEqualTo(captive.nanos());
        assertThat(captive.nanos()).isLessThanOrEqualTo(prompt.nanos());
        System.out.println("[lab-watch] from lease: network joined +" + ms(lease, joined.nanos()) + " ms, captive +"
                + ms(lease, captive.nanos()) + " ms, prompt +" + ms(lease, prompt.nanos()) + " ms");
    }

    @Test
    @Order(2)
    void loginIsSeenAsOnline() throws Exception {
        assertThat(watch).as("watch from the first test").isNotNull();
        Lab.Exec first = lab.curlInClient(OpenNdsLabSystemTest.GENERATE_204, "-o", "/dev/null", "-w", "%{redirect_url}");
        String splash = first.stdout().strip();
        assertThat(splash).as("redirect from the portal: %s", first).startsWith("http://10.99.0.1:2050/");
        long t0 = System.nanoTime();
        OpenNdsLabSystemTest.loginThroughForms(lab, URI.create(splash));
        long loggedIn = System.nanoTime();
        LabProcess.Line online = await("online verdict", verdict("online"), t0, Duration.ofSeconds(15), this::dnsHint);
        LabProcess.Line cleared = await("cleared", event("cleared", o -> true), t0, Duration.ofSeconds(5));
        System.out.println("[lab-watch] after login (" + ms(t0, loggedIn) + " ms): online +" + ms(loggedIn, online.nanos())
                + " ms, cleared +" + ms(loggedIn, cleared.nanos()) + " ms");
    }

    @Test
    @Order(3)
    void deauthIsNoticedAtTheNextOnlineCheck() throws Exception {
        assertThat(watch).as("watch from the first test").isNotNull();
        List<LabProcess.Line> verdicts = watch.stdout().stream().filter(l -> event("verdict", o -> true).test(l.text())).toList();
        assertThat(verdicts).as("watch must be online before the deauth (see loginIsSeenAsOnline)").isNotEmpty();
        assertThat(verdicts.get(verdicts.size() - 1).text()).as("watch must be online before the deauth (see loginIsSeenAsOnline)")
                .contains("\"verdict\":\"online\"");
        long t0 = System.nanoTime();
        Lab.Exec e = lab.ndsctl("deauth", lab.clientMac());
        assertThat(e.ok()).as("ndsctl deauth: %s", e).isTrue();
        assertThat(OpenNdsLabSystemTest.probeStatus(lab)).isEqualTo(307);
        // onlineIntervalSeconds 30 (the minimum) +10% jitter + one check: at most ~35 s after the last online check
        Duration bound = Duration.ofSeconds(Settings.MIN_ONLINE_INTERVAL + 10);
        LabProcess.Line captive = await("captive verdict after deauth", event("verdict", o -> "captive".equals(o.get("verdict").getAsString())
                && o.get("loginUrl").getAsString().startsWith(SPLASH)), t0, bound,
                () -> " (curl in the client gets the portal's 307 on a new connection; a check that still says online"
                + " reuses a kept-alive connection from before the deauth, which openNDS lets through as established)");
        List<LabProcess.Line> between = watch.stdout().stream().filter(l -> l.nanos() >= t0 && l.nanos() < captive.nanos()).toList();
        System.out.println("[lab-watch] deauth -> captive took " + ms(t0, captive.nanos()) + " ms (online interval "
                + Settings.MIN_ONLINE_INTERVAL + " s); lines in between: " + between.size());
        assertThat(between).as("deauth is no network change the client can see: no 'network' line expected")
                .noneMatch(l -> event("network", o -> true).test(l.text()));
        await("prompt after deauth", event("prompt", o -> o.get("url").getAsString().startsWith(SPLASH)), t0, Duration.ofSeconds(5));
    }
}
