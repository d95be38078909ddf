package io.captivewatch.core.advice;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Facts about what a check saw, which the advice catalog's entries are chosen by. */
public enum Fact {
    HAS_LOGIN_LINK, NO_LOGIN_LINK, LOGIN_URL_PLAIN_HTTP,
    DNS_FAILURE, TIMEOUTS, REFUSED, TLS_ERROR, HTTPS_FAILING, DNS_PRIVATE, SERVER_ERROR,
    /** Set by the login window when the portal's page would not load. */
    PAGE_LOAD_FAILED,
    /** The default route goes through a VPN interface ({@link io.captivewatch.core.network.VpnRoute}). */
    VPN_ROUTE,
    /** The system's DNS failed and the network's own DNS answered the probes ({@link io.captivewatch.core.dns.DnsAwareness}). */
    NETWORK_DNS_USED,
    /** A public probe host resolved to a private address and did not answer as itself. */
    DNS_HIJACK;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The facts a classification shows. */
    public static Set<Fact> of(Classification c) {
        Set<Fact> facts = EnumSet.noneOf(Fact.class);
        if (c.loginUrl().isPresent()) {
            facts.add(HAS_LOGIN_LINK);
            if ("http".equalsIgnoreCase(c.loginUrl().get().uri().getScheme())) facts.add(LOGIN_URL_PLAIN_HTTP);
        } else if (c.verdict() == Verdict.CAPTIVE) {
            facts.add(NO_LOGIN_LINK);
        }
        if (c.evidence().contains(io.captivewatch.core.network.VpnRoute.MARK)) facts.add(VPN_ROUTE);
        if (c.evidence().contains(io.captivewatch.core.dns.DnsAwareness.NETWORK_DNS_MARK)) facts.add(NETWORK_DNS_USED);
        if (c.evidence().contains(io.captivewatch.core.dns.DnsAwareness.HIJACK_MARK)) facts.add(DNS_HIJACK);
        List<ProbeAssessment> probes = c.probes();
        long answered = probes.stream().filter(a -> a.observation().error() != ErrorKind.CANCELLED).count();
        long timeouts = probes.stream().filter(a -> a.observation().error() == ErrorKind.TIMEOUT).count();
        if (answered > 0 && timeouts == answered) facts.add(TIMEOUTS);
        for (ProbeAssessment a : probes) {
            ProbeObservation o = a.observation();
            if (o.error() == ErrorKind.DNS) facts.add(DNS_FAILURE);
            if (o.error() == ErrorKind.REFUSED) facts.add(REFUSED);
            if (o.error() == ErrorKind.TLS) facts.add(TLS_ERROR);
            if (o.spec().isHttps() && o.hops().isEmpty() && o.error() != null && o.error() != ErrorKind.CANCELLED) {
                facts.add(HTTPS_FAILING);
            }
            if (a.reason().contains("a private address")) facts.add(DNS_PRIVATE);
            for (RecordedResponse r : o.hops()) {
                if (r.status() >= 500 && r.status() != 511 || r.status() == 403 || r.status() == 404) facts.add(SERVER_ERROR);
            }
        }
        return facts;
    }
}
