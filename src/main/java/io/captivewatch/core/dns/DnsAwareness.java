package io.captivewatch.core.dns;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.i18n.Text;
import io.captivewatch.core.network.VpnRoute;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.ProbeLimits;
import io.captivewatch.core.probe.Prober;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a check adds for users whose system does not ask the network's DNS (custom DNS, VPN, DNS-over-HTTPS):
 * the probes' resolver ({@link DnsRace}), and afterwards the evidence that says what happened (which DNS
 * answered, a DNS hijack, a VPN in the way). {@link #apply} is a pure function of the classification, the
 * check's {@link DnsRace.Log} and the VPN state.
 */
public final class DnsAwareness {
    /** In the evidence when the network's DNS stood in for the system's (the advice's {@code network_dns_used}). */
    public static final String NETWORK_DNS_MARK = "the network's own DNS";
    /** In the evidence of a DNS hijack (the advice's {@code dns_hijack}). */
    public static final String HIJACK_MARK = "DNS hijack";

    private final NetworkDnsDiscovery discovery;
    private final DnsRace race;
    private final Supplier<Optional<VpnRoute.Vpn>> vpn;

    private volatile List<String> inUse = List.of();

    public DnsAwareness(NetworkDnsDiscovery discovery, DnsRace race, Supplier<Optional<VpnRoute.Vpn>> vpn) {
        this.discovery = discovery;
        this.race = race;
        this.vpn = vpn;
    }

    /** This OS's lease sources, the system's resolver raced with the network's, the routing table's VPN. */
    public static DnsAwareness defaults() {
        NetworkDnsDiscovery d = NetworkDnsDiscovery.defaults();
        return new DnsAwareness(d, DnsRace.defaults(d), VpnRoute.system());
    }

    /** A prober whose plain-http probes resolve through {@link #race()}. */
    public Prober prober() {
        return new Prober(ProbeLimits.DEFAULT, race);
    }

    public DnsRace race() {
        return race;
    }

    public void beginCheck() {
        race.beginCheck();
    }

    /** The network changed: find its DNS servers again. */
    public void networkChanged() {
        discovery.forget();
        inUse = List.of();
    }

    /**
     * The network's own DNS servers when the last check got an answer only from them (the system's resolver
     * failed or did not answer), the one that answered first; else empty. The login window then looks names up
     * through them.
     */
    public List<String> networkDnsInUse() {
        return inUse;
    }

    /** The servers {@link #networkDnsInUse} reports after a check with this log. */
    static List<String> inUse(DnsRace.Log log) {
        Optional<DnsRace.Answer> a = log.answers().stream()
                .filter(x -> x.resolver().equals(DnsRace.Answer.NETWORK) && !x.systemOutcome().equals("answered"))
                .findFirst();
        if (a.isEmpty()) return List.of();
        List<String> out = new java.util.ArrayList<>();
        for (String s : a.get().server().split(",")) if (!s.isBlank() && !out.contains(s.strip())) out.add(s.strip());
        for (String s : log.networkDns().map(NetworkDns::servers).orElse(List.of())) if (!out.contains(s)) out.add(s);
        return List.copyOf(out);
    }

    /** The check's DNS log. */
    public DnsRace.Log log() {
        return race.log();
    }

    /** The classification with this check's DNS and VPN findings in its evidence (and a hijack as portal evidence). */
    public Classification apply(Classification c) {
        Optional<VpnRoute.Vpn> v;
        try {
            v = vpn.get();
        } catch (RuntimeException e) {
            v = Optional.empty();
        }
        DnsRace.Log log = race.log();
        inUse = inUse(log);
        return apply(c, log, v);
    }

    static Classification apply(Classification c, DnsRace.Log log, Optional<VpnRoute.Vpn> vpn) {
        Verdict verdict = c.verdict();
        Text evidence = c.explanation();
        if (verdict == Verdict.OFFLINE || verdict == Verdict.LIMITED) {
            Optional<Text> hijack = hijack(c.probes());
            if (hijack.isPresent()) {
                verdict = Verdict.CAPTIVE;
                evidence = Text.of("explain.dns.hijackBefore", hijack.get(), c.explanation());
            }
        }
        if (log.networkAnswered()) {
            DnsRace.Answer a = log.answers().stream().filter(x -> x.resolver().equals(DnsRace.Answer.NETWORK)).findFirst().orElseThrow();
            // Who failed: "Your DNS server" (none known), "Your DNS server 1.1.1.1", "Your DNS servers 1.1.1.1, 9.9.9.9";
            // how: no answer, failed (with the resolver's own words), or too slow; then the network's server that answered.
            int n = log.systemServers().size();
            String servers = String.join(", ", log.systemServers());
            String outcome = a.systemOutcome();
            String how = outcome.equals("no answer") ? "noAnswer" : outcome.startsWith("failed") ? "failed" : "slow";
            String detail = outcome.startsWith("failed") ? outcome.substring(Math.min(outcome.length(), "failed: ".length())) : "";
            Text system = n == 0 ? Text.of("explain.dns.system." + how, detail)
                    : Text.plural("explain.dns.systemServers." + how, n, servers, detail);
            Text network = log.networkDns().map(d -> Text.of("explain.dns.networkFrom", a.server(), d.source()))
                    .orElseGet(() -> Text.of("explain.dns.network", a.server()));
            List<Text> more = new java.util.ArrayList<>(List.of(evidence, Text.of("explain.dns.networkAnswered", system, network)));
            if (verdict == Verdict.CAPTIVE && c.loginUrl().isPresent()) {
                more.add(Text.of("explain.dns.portalAt", c.loginUrl().get().toString()));
            }
            evidence = Text.sentences(more);
        }
        if (vpn.isPresent()) evidence = evidence.then(vpn.get().text());
        if (verdict == c.verdict() && evidence.equals(c.explanation())) return c;
        return new Classification(verdict, evidence, c.deciding(), c.probes(), c.candidates(), c.warningTexts(), c.capport());
    }

    /** A vendor probe host (public by nature) that resolved to a private address and did not answer as itself. */
    static Optional<Text> hijack(List<ProbeAssessment> probes) {
        Set<String> vendor = ProbeSpec.defaults().stream().map(s -> s.url().getHost().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        for (ProbeAssessment pa : probes) {
            ProbeObservation o = pa.observation();
            String host = o.spec().url().getHost();
            if (host == null || !vendor.contains(host.toLowerCase(Locale.ROOT)) || o.succeeded()) continue;
            if (o.error() == io.captivewatch.core.probe.ErrorKind.CANCELLED) continue;
            for (String addr : o.resolvedAddresses()) {
                if (isNonPublic(addr)) {
                    return Optional.of(Text.of("explain.dns.hijack", host, addr));
                }
            }
        }
        return Optional.empty();
    }

    /** RFC 1918, CGNAT (100.64/10), link-local, loopback, unique-local IPv6. */
    static boolean isNonPublic(String literal) {
        if (!DnsRace.isLiteral(literal)) return false;
        try {
            InetAddress a = InetAddress.getByName(literal); // a literal: no lookup
            byte[] b = a.getAddress();
            boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
            return a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isLoopbackAddress() || a.isAnyLocalAddress() || cgnat
                    || (b.length == 16 && (b[0] & 0xfe) == 0xfc);
        } catch (Exception e) {
            return false;
        }
    }
}
