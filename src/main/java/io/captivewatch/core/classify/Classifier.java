package io.captivewatch.core.classify;

import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.extract.ExtractionBudget;
import io.captivewatch.core.extract.LinkSource;
import io.captivewatch.core.extract.LoginCandidate;
import io.captivewatch.core.extract.LoginLinkExtractor;
import io.captivewatch.core.i18n.Text;
import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.SafeUrl;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns probe observations into a verdict with its evidence. A pure function: no network, no clock.
 *
 * <p>Each probe is first assessed on its own ({@link #assess}, the rules in {@link ProbeAssessor}: the genuine
 * answer is ONLINE; a redirect, a 511 or a page where none was expected is CAPTIVE; 401/407 are authentication;
 * a few bytes, other statuses, TLS or non-HTTP answers are LIMITED; no answer is OFFLINE).
 * Then the probes are combined, most telling first: portal evidence on any probe wins over successes
 * elsewhere (a portal may let one vendor's host through); then proxy authentication (it affects every
 * request), then server authentication; then ONLINE if any probe got its genuine answer — unless the
 * HTTPS probe fails while plain HTTP works, which is LIMITED; then LIMITED; then OFFLINE.
 *
 * <p>An RFC 8908 API that says {@code captive: true} is authoritative; one that says
 * {@code captive: false} does not override probes that were intercepted.
 */
public final class Classifier {

    /** A probe's login candidates within a budget (the extractor's, or a test's). */
    private final BiFunction<ProbeObservation, ExtractionBudget, LoginLinkExtractor.ChainCandidates> extract;

    public Classifier() {
        this(new LoginLinkExtractor());
    }

    public Classifier(LoginLinkExtractor extractor) {
        this.extract = extractor::extractChain;
    }

    Classifier(Function<ProbeObservation, LoginLinkExtractor.ChainCandidates> extract) {
        this.extract = (o, budget) -> extract.apply(o);
    }

    /** Whether one observation settles the check on its own (portal or authentication evidence). */
    public boolean isDecisive(ProbeObservation o) {
        Verdict v = assess(o).verdict();
        return v == Verdict.CAPTIVE || v == Verdict.AUTH_REQUIRED || v == Verdict.PROXY_AUTH_REQUIRED;
    }

    public Classification classify(List<ProbeObservation> observations) {
        return classify(observations, Optional.empty());
    }

    public Classification classify(List<ProbeObservation> observations, Optional<CapportStatus> capport) {
        return classify(observations, capport, ExtractionBudget.standard());
    }

    /**
     * As {@link #classify(List, Optional)}, reading the portal's answers for login links within
     * {@code budget} (a check passes one that ends at its deadline): when it runs out, the links found so
     * far are offered and a warning says the list may be incomplete.
     */
    public Classification classify(List<ProbeObservation> observations, Optional<CapportStatus> capport, ExtractionBudget budget) {
        List<ProbeAssessment> all = new ArrayList<>();
        for (ProbeObservation o : observations) all.add(assess(o));
        List<ProbeAssessment> answered = all.stream()
                .filter(a -> a.observation().error() != ErrorKind.CANCELLED).toList();
        // Each probe's login candidates, extracted once (it parses the bodies): ranking the portal probes,
        // the 511 warnings and the candidate list all read them from here.
        Map<ProbeObservation, LoginLinkExtractor.ChainCandidates> links = new IdentityHashMap<>();
        for (ProbeAssessment a : answered) {
            if (a.verdict() == Verdict.CAPTIVE || has511(a.observation())) {
                links.computeIfAbsent(a.observation(), o -> withoutTheProbeItself(o, extract.apply(o, budget)));
            }
        }
        List<Text> warnings = new ArrayList<>();
        if (budget.exhausted() || links.values().stream().anyMatch(LoginLinkExtractor.ChainCandidates::cutShort)) {
            warnings.add(Text.of("explain.warn.budget", budget.exhausted()
                    ? Text.of("explain.warn.budget.steps", String.valueOf(budget.steps())) : Text.of("explain.warn.budget.cut")));
        }
        capport.ifPresent(c -> c.warnings().forEach(w -> warnings.add(Text.data(w))));
        for (ProbeAssessment a : answered) warnings.addAll(warningsFor(a, links));

        Optional<ProbeAssessment> captive = best(answered, Verdict.CAPTIVE, links);
        boolean apiSaysCaptive = capport.map(CapportStatus::captive).orElse(false);
        // RFC 8908 section 4 requires https: anyone on the path can forge a plain-http API. Its "captive" adds to
        // probe evidence but does not make a portal of a network whose probes got through (Android ignores such an
        // API altogether: NetworkMonitor.sendCapportApiProbe).
        boolean apiTrusted = capport.map(c -> SafeUrl.isHttps(c.apiUrl())).orElse(false);
        if (apiSaysCaptive && !apiTrusted && captive.isEmpty()) {
            warnings.add(Text.of("explain.warn.apiPlainHttp", capport.get().apiUrl().toString()));
            apiSaysCaptive = false;
        }
        if (captive.isPresent() || apiSaysCaptive) {
            List<LoginCandidate> candidates = candidatesFor(answered, captive, capport, apiTrusted, links);
            List<Text> evidence = new ArrayList<>();
            if (captive.isPresent()) {
                evidence.add(captive.get().why());
                if (apiSaysCaptive) evidence.add(Text.of(apiTrusted ? "explain.apiAgrees" : "explain.apiAgreesPlainHttp"));
            } else {
                evidence.add(Text.of("explain.apiOnly", capport.get().apiUrl().toString()));
            }
            if (capport.isPresent() && !apiSaysCaptive && captive.isPresent()) {
                warnings.add(Text.of("explain.warn.apiSaysNotCaptive", captive.get().observation().spec().label()));
            }
            evidence.add(onThisComputer(answered, capport, links));
            if (candidates.isEmpty()) {
                evidence.add(Text.of("explain.noLoginLink"));
            }
            return new Classification(Verdict.CAPTIVE, Text.sentences(evidence), captive, all, candidates, dedupe(warnings), capport);
        }
        for (Verdict v : List.of(Verdict.PROXY_AUTH_REQUIRED, Verdict.AUTH_REQUIRED)) {
            Optional<ProbeAssessment> a = best(answered, v, links);
            if (a.isPresent()) {
                return new Classification(v, a.get().why(), a, all, List.of(), dedupe(warnings), capport);
            }
        }
        Optional<ProbeAssessment> online = best(answered, Verdict.ONLINE, links);
        if (online.isPresent()) {
            Optional<ProbeAssessment> httpsFailing = answered.stream()
                    .filter(a -> a.observation().spec().isHttps() && a.verdict() != Verdict.ONLINE)
                    .findFirst();
            boolean httpOk = answered.stream().anyMatch(a -> !a.observation().spec().isHttps() && a.verdict() == Verdict.ONLINE);
            if (httpsFailing.isPresent() && httpOk) {
                Text evidence = Text.of("explain.httpsFails", online.get().observation().spec().label(), httpsFailing.get().why());
                return new Classification(Verdict.LIMITED, evidence, httpsFailing, all, List.of(), dedupe(warnings), capport);
            }
            Text evidence = online.get().why();
            long others = answered.stream().filter(a -> a.verdict() != Verdict.ONLINE).count();
            if (others > 0) {
                evidence = evidence.then(Text.plural("explain.othersFailed", others));
            }
            return new Classification(Verdict.ONLINE, evidence, online, all, List.of(), dedupe(warnings), capport);
        }
        Optional<ProbeAssessment> limited = best(answered, Verdict.LIMITED, links);
        if (limited.isPresent()) {
            return new Classification(Verdict.LIMITED, limited.get().why(), limited, all, List.of(), dedupe(warnings), capport);
        }
        Optional<ProbeAssessment> offline = answered.stream().findFirst();
        Text evidence = offline.isEmpty() ? Text.of("explain.noProbe") : offlineEvidence(answered);
        return new Classification(Verdict.OFFLINE, evidence, offline, all, List.of(), dedupe(warnings), capport);
    }

    /** What one probe alone says: {@link ProbeAssessor#assess}. */
    public ProbeAssessment assess(ProbeObservation o) {
        return ProbeAssessor.assess(o);
    }

    private static Text offlineEvidence(List<ProbeAssessment> answered) {
        Map<ErrorKind, Integer> counts = new LinkedHashMap<>();
        for (ProbeAssessment a : answered) {
            if (a.observation().error() != null) counts.merge(a.observation().error(), 1, Integer::sum);
        }
        if (counts.size() == 1) {
            ErrorKind k = counts.keySet().iterator().next();
            Text none = answered.size() > 1 ? Text.plural("explain.offline.all", answered.size(), ProbeAssessor.describe(k))
                    : Text.of("explain.offline.single", ProbeAssessor.describe(k));
            return none.then(answered.get(0).why());
        }
        List<Text> each = new ArrayList<>();
        counts.forEach((k, n) -> each.add(Text.of("explain.offline.count", String.valueOf(n), ProbeAssessor.describe(k))));
        return Text.of("explain.offline.mixed", Text.joined("explain.offline.separator", each));
    }

    /**
     * A redirecting probe's candidates without its own URL and its https twin: sending the user back to the
     * probe URL shows them nothing (the redirect would just happen again).
     */
    private static LoginLinkExtractor.ChainCandidates withoutTheProbeItself(ProbeObservation o, LoginLinkExtractor.ChainCandidates c) {
        if (o.first().map(r -> !r.isRedirect()).orElse(true)) return c;
        URI probe = o.spec().url();
        List<LoginCandidate> kept = c.ranked().stream().filter(lc -> !ProbeAssessor.isProbeItself(probe, lc.url().uri())).toList();
        return kept.size() == c.ranked().size() ? c : new LoginLinkExtractor.ChainCandidates(kept, c.byHop());
    }

    private static boolean has511(ProbeObservation o) {
        return o.hops().stream().anyMatch(r -> r.status() == 511);
    }

    private static List<Text> warningsFor(ProbeAssessment a, Map<ProbeObservation, LoginLinkExtractor.ChainCandidates> links) {
        List<Text> w = new ArrayList<>();
        ProbeObservation o = a.observation();
        List<RecordedResponse> hops = o.hops();
        for (int i = 0; i < hops.size(); i++) {
            RecordedResponse r = hops.get(i);
            if (r.status() == 511) {
                if (links.get(o).byHop().get(i).isEmpty()) {
                    w.add(Text.of("explain.warn.511noLink", String.valueOf(r.url().getHost())));
                }
                if (isCacheable(r)) {
                    w.add(Text.of("explain.warn.511cacheable", String.valueOf(r.url().getHost())));
                }
            }
        }
        if (o.spec().isHttps() && a.verdict() == Verdict.CAPTIVE) {
            w.add(Text.of("explain.warn.httpsIntercepted", o.spec().url().toString()));
        }
        if (o.error() == ErrorKind.TOO_MANY_REDIRECTS) {
            w.add(Text.of("explain.warn.redirectLoop", o.spec().label()));
        }
        return w;
    }

    static boolean isCacheable(RecordedResponse r) {
        String cc = String.join(",", r.headers().all("Cache-Control")).toLowerCase(Locale.ROOT);
        if (cc.contains("no-store") || cc.contains("no-cache") || cc.contains("private")) return false;
        Matcher m = Pattern.compile("(?:s-)?max-age\\s*=\\s*\"?(\\d+)").matcher(cc);
        if (m.find()) return !m.group(1).chars().allMatch(ch -> ch == '0');
        return cc.contains("public") || r.headers().has("Expires") && !r.headers().first("Expires").orElse("").trim().matches("0|-1");
    }

    /** The most telling assessment with this verdict: prefer one that yields a login link, then 511s. */
    private static Optional<ProbeAssessment> best(List<ProbeAssessment> answered, Verdict v,
                                                  Map<ProbeObservation, LoginLinkExtractor.ChainCandidates> links) {
        return answered.stream().filter(a -> a.verdict() == v)
                .max(Comparator.comparingInt(a -> strength(a, links)));
    }

    private static int strength(ProbeAssessment a, Map<ProbeObservation, LoginLinkExtractor.ChainCandidates> links) {
        if (a.verdict() != Verdict.CAPTIVE) return a.observation().spec().isHttps() ? 0 : 1;
        List<LoginCandidate> c = links.get(a.observation()).ranked();
        int score = c.isEmpty() ? 0 : 1_000_000 + Math.min(c.get(0).score(), 999_999);
        if (a.observation().first().map(r -> r.status() == 511).orElse(false)) score += 1;
        return score;
    }

    /**
     * The evidence's note on links that pointed at this computer from a probe (or API) that is not there
     * ({@link SafeUrl#problemFrom}): they are not offered, and it says why.
     */
    private static Text onThisComputer(List<ProbeAssessment> answered, Optional<CapportStatus> capport,
                                         Map<ProbeObservation, LoginLinkExtractor.ChainCandidates> links) {
        Set<String> refused = new LinkedHashSet<>();
        for (ProbeAssessment a : answered) {
            LoginLinkExtractor.ChainCandidates c = links.get(a.observation());
            if (c != null) c.onThisComputer().forEach(u -> refused.add(u.toString()));
        }
        capport.ifPresent(st -> st.userPortalUrl()
                .filter(u -> SafeUrl.problemFrom(st.apiUrl(), u)
                        .filter(SafeUrl.THIS_COMPUTER::equals).isPresent())
                .ifPresent(u -> refused.add(u.toString())));
        if (refused.isEmpty()) return Text.data("");
        List<String> shown = refused.stream().limit(4).toList();
        return Text.plural("explain.notOffered", refused.size(),
                String.join(", ", shown) + (refused.size() > shown.size() ? ", ..." : ""));
    }

    private static List<LoginCandidate> candidatesFor(List<ProbeAssessment> answered, Optional<ProbeAssessment> deciding,
                                                      Optional<CapportStatus> capport, boolean apiTrusted,
                                                      Map<ProbeObservation, LoginLinkExtractor.ChainCandidates> links) {
        Map<URI, LoginCandidate> byUrl = new LinkedHashMap<>();
        // An https API's user-portal-url is preferred over any extracted link (RFC 8908); a plain-http API's comes
        // after every link read from the probes (it could be forged by anyone on the path).
        Optional<LoginCandidate> api = capport.flatMap(LoginLinkExtractor::fromCapport);
        if (apiTrusted) api.ifPresent(c -> byUrl.put(c.url().uri(), c));
        List<LoginCandidate> extracted = new ArrayList<>();
        deciding.ifPresent(d -> extracted.addAll(links.get(d.observation()).ranked()));
        for (ProbeAssessment a : answered) {
            if (a.verdict() == Verdict.CAPTIVE && deciding.map(d -> d != a).orElse(true)) {
                extracted.addAll(links.get(a.observation()).ranked());
            }
        }
        // Best score first; for a URL found more than once, its best-scored find is kept.
        extracted.sort(Comparator.comparingInt(LoginCandidate::score).reversed());
        for (LoginCandidate c : extracted) byUrl.putIfAbsent(c.url().uri(), c);
        // A 511 without a link: its page is meant to be shown (RFC 6585 section 6), so the probe URL is the page
        // to open, as Firefox (CaptiveDetect: the login tab opens the canonical URL) and Android (the probe URL of
        // a non-redirect portal) do.
        for (ProbeAssessment a : answered) {
            ProbeObservation o = a.observation();
            if (a.verdict() == Verdict.CAPTIVE && o.first().map(r -> r.status() == 511).orElse(false)
                    && links.get(o).ranked().isEmpty()) {
                byUrl.putIfAbsent(o.spec().url(), new LoginCandidate(o.spec().url(), LinkSource.PAGE_URL,
                        1, "the 511 page itself: it gave no link, and RFC 6585 means it to be shown"));
            }
        }
        if (!apiTrusted) api.ifPresent(c -> byUrl.putIfAbsent(c.url().uri(), c));
        return new ArrayList<>(byUrl.values());
    }

    private static List<Text> dedupe(List<Text> w) {
        return new ArrayList<>(new LinkedHashSet<>(w));
    }
}
