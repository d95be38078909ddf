package io.captivewatch.core.dns;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.VpnRoute;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure half of the DNS awareness: the hijack rule and the evidence it writes (issue #16). */
class DnsAwarenessTest {
    private static final ProbeSpec GOOGLE = ProbeSpec.defaults().get(0);
    private static final ProbeSpec SELF_HOSTED = ProbeSpec.forUrl(URI.create("http://check.example.lan/ok"));
    private static final DnsRace.Log NOTHING = new DnsRace.Log(List.of(), Optional.empty(), List.of());

    private static ProbeObservation refused(ProbeSpec spec, String... resolved) {
        return new ProbeObservation(spec, Instant.EPOCH, List.of(), ErrorKind.REFUSED, "connection refused", 3, List.of(resolved));
    }

    private static Classification of(Verdict v, String evidence, ProbeObservation... obs) {
        List<ProbeAssessment> pa = java.util.Arrays.stream(obs).map(o -> new ProbeAssessment(o, v, "r")).toList();
        return new Classification(v, evidence, Optional.empty(), pa, List.of(), List.of(), Optional.empty());
    }

    @Test
    void aVendorHostOnAPrivateAddressThatDoesNotAnswerAsItselfIsAHijack() {
        Classification c = DnsAwareness.apply(of(Verdict.OFFLINE, "Nothing answered.", refused(GOOGLE, "10.5.0.1")), NOTHING, Optional.empty());
        assertThat(c.verdict()).isEqualTo(Verdict.CAPTIVE);
        assertThat(c.evidence()).startsWith(DnsAwareness.HIJACK_MARK)
                .contains("connectivitycheck.gstatic.com").contains("10.5.0.1").contains("a private address")
                .contains("(Before that: Nothing answered.)");
    }

    @Test
    void limitedTurnsCaptiveToo_butOnlineNeverDoes() {
        assertThat(DnsAwareness.apply(of(Verdict.LIMITED, "x", refused(GOOGLE, "100.64.3.4")), NOTHING, Optional.empty()).verdict())
                .isEqualTo(Verdict.CAPTIVE); // CGNAT space counts as private
        Classification online = of(Verdict.ONLINE, "All good.", refused(GOOGLE, "192.168.1.1"));
        assertThat(DnsAwareness.apply(online, NOTHING, Optional.empty())).isSameAs(online);
    }

    @Test
    void noHijackForPublicAddressesSelfHostedProbesOrCancelledProbes() {
        Classification pub = of(Verdict.OFFLINE, "x", refused(GOOGLE, "142.250.1.1"));
        assertThat(DnsAwareness.apply(pub, NOTHING, Optional.empty())).isSameAs(pub);
        Classification own = of(Verdict.OFFLINE, "x", refused(SELF_HOSTED, "10.0.0.5")); // a private host may well be private
        assertThat(DnsAwareness.apply(own, NOTHING, Optional.empty())).isSameAs(own);
        ProbeObservation cancelled = new ProbeObservation(GOOGLE, Instant.EPOCH, List.of(), ErrorKind.CANCELLED, "", 1, List.of("10.0.0.1"));
        Classification c = of(Verdict.OFFLINE, "x", cancelled);
        assertThat(DnsAwareness.apply(c, NOTHING, Optional.empty())).isSameAs(c);
    }

    @Test
    void nonPublicAddresses() {
        assertThat(List.of("10.1.2.3", "172.16.0.1", "192.168.0.1", "100.127.255.1", "169.254.1.1", "127.0.0.1", "fd00::1", "fe80::1"))
                .allMatch(DnsAwareness::isNonPublic);
        assertThat(List.of("8.8.8.8", "100.128.0.1", "172.32.0.1", "2001:db8::1", "example.com"))
                .noneMatch(DnsAwareness::isNonPublic);
    }

    @Test
    void evidenceSaysWhichDnsFailedAndWhichAnsweredInPlainWords() {
        CompletableFuture<Object> dead = new CompletableFuture<>(); // the system's lookup never came back
        DnsRace.Answer a = new DnsRace.Answer("connectivitycheck.gstatic.com", DnsRace.Answer.NETWORK, "10.99.0.1",
                List.of("10.99.1.2"), dead, "");
        DnsRace.Log log = new DnsRace.Log(List.of("9.9.9.9"), Optional.of(new NetworkDns(List.of("10.99.0.1"), "udhcpc hook")), List.of(a));
        Classification captive = new Classification(Verdict.CAPTIVE, "Redirected to the sign-in page.", Optional.empty(), List.of(),
                List.of(), List.of(), Optional.empty());
        String e = DnsAwareness.apply(captive, log, Optional.empty()).evidence();
        assertThat(e).startsWith("Redirected to the sign-in page. ")
                .contains("Your DNS server 9.9.9.9 does not answer on this network; " + DnsAwareness.NETWORK_DNS_MARK
                        + " 10.99.0.1 (from udhcpc hook) does, so CaptiveWatch probed through it.");

        DnsRace.Answer failed = new DnsRace.Answer("h", DnsRace.Answer.NETWORK, "10.99.0.1", List.of("10.99.1.2"),
                CompletableFuture.failedFuture(new java.net.UnknownHostException("SERVFAIL")), "SERVFAIL");
        String e2 = DnsAwareness.apply(captive, new DnsRace.Log(List.of("1.1.1.1", "1.0.0.1"), Optional.empty(), List.of(failed)),
                Optional.empty()).evidence();
        assertThat(e2).contains("Your DNS servers 1.1.1.1, 1.0.0.1 fail on this network (SERVFAIL)");
    }

    @Test
    void aVpnIsNamedInTheEvidence() {
        Classification c = of(Verdict.OFFLINE, "Nothing answered.");
        String e = DnsAwareness.apply(c, NOTHING, Optional.of(new VpnRoute.Vpn("wg0", Optional.of("wlan0")))).evidence();
        assertThat(e).contains("through wg0").contains(VpnRoute.MARK).contains("on wlan0");
    }

    @Test
    void theLoginWindowGetsTheNetworksDnsOnlyWhenTheSystemsFailedAndTheNetworksAnswered() {
        NetworkDns net = new NetworkDns(List.of("10.99.0.2", "10.99.0.1"), "udhcpc hook");
        DnsRace.Answer viaNetwork = new DnsRace.Answer("connectivitycheck.gstatic.com", DnsRace.Answer.NETWORK, "10.99.0.1",
                List.of("10.99.1.2"), new CompletableFuture<>(), ""); // the system's lookup has not come back
        assertThat(DnsAwareness.inUse(new DnsRace.Log(List.of("9.9.9.9"), Optional.of(net), List.of(viaNetwork))))
                .as("the one that answered first, then the others").containsExactly("10.99.0.1", "10.99.0.2");

        DnsRace.Answer bothAnswered = new DnsRace.Answer("connectivitycheck.gstatic.com", DnsRace.Answer.NETWORK, "10.99.0.1",
                List.of("10.99.1.2"), CompletableFuture.completedFuture(null), ""); // the network's was merely faster
        assertThat(DnsAwareness.inUse(new DnsRace.Log(List.of("9.9.9.9"), Optional.of(net), List.of(bothAnswered)))).isEmpty();

        DnsRace.Answer viaSystem = new DnsRace.Answer("connectivitycheck.gstatic.com", DnsRace.Answer.SYSTEM, "9.9.9.9",
                List.of("10.99.1.2"), null, "");
        assertThat(DnsAwareness.inUse(new DnsRace.Log(List.of("9.9.9.9"), Optional.of(net), List.of(viaSystem)))).isEmpty();
        assertThat(DnsAwareness.inUse(NOTHING)).isEmpty();
    }
}
