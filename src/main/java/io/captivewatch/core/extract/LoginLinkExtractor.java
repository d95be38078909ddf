package io.captivewatch.core.extract;

import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.SafeUrl;
import io.captivewatch.core.url.WebUrl;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds where to sign in: from one recorded response, or from a probe's whole redirect chain, a
 * ranked list of absolute http(s) candidates (every one passed {@link SafeUrl}), each with its
 * {@link LinkSource} and a short detail. Deduplicated by URL (the best-scored find is kept), best
 * first, at most {@link #MAX_CANDIDATES}.
 *
 * <p>Sources, roughly by score: the RFC 8908 API ({@link #fromCapport}); a redirect chain's final
 * landing page; the Location header; WISPr {@code LoginURL}; JSON fields ({@code user-portal-url},
 * {@code loginUrl}, ...); meta refresh; JavaScript redirects (string targets of {@code location = },
 * {@code location.href = }, {@code location.replace(...)}, ... in scripts and inline handlers, comments
 * ignored); frames; login forms (password field, login-ish action); Link headers ({@code rel=captive-portal}
 * is a hint, ranked below a human login page); anchors (login words high; CDN, analytics, social,
 * app-store, terms/privacy/help links low); last, the intercepted page itself.
 *
 * <p>This class orchestrates and ranks (the scores below, the ladder in {@code package-info.java}); each
 * source is a small class beside it, all adding to one {@link Finds} and charged to one {@link ExtractionBudget}:
 * {@link HeaderLinks} (Location, Link), {@link JsonLinks}, {@link WisprLinks}, {@link HtmlLinks} (with
 * {@link MetaRefresh}, {@link ScriptLinks} and {@link LinkWords}).
 *
 * <p>Stateless and thread-safe. Extraction parses the body, so a caller that needs a probe's candidates more than
 * once computes them once ({@link #extractChain} gives the chain's and each hop's).
 *
 * <p>Bounded: the body is decoded by {@link BodyText} (at most {@link BodyText#MAX_DECODED} bytes), and
 * each source looks at a fixed number of elements. Pure and total: never throws on any response.
 */
public final class LoginLinkExtractor {
    /** At most this many candidates are returned. */
    public static final int MAX_CANDIDATES = 32;

    /** Scores; higher ranks first. Package-private for the sources and tests. */
    static final int CAPPORT = 1000, LANDING_PAGE = 950, LOCATION = 900, WISPR_LOGIN = 880,
            META_REFRESH = 850, JAVASCRIPT = 800, FRAMESET = 780, PASSWORD_FORM = 780, LOGIN_FORM = 720,
            LOCATION_NOT_REDIRECT = 600, LOGIN_ANCHOR = 600, IFRAME = 600, LINK_CAPTIVE_PORTAL = 550,
            JS_HANDLER = 500, LOGIN_URL_ANCHOR = 450, WISPR_NEXT = 300, OTHER_FORM = 250, LINK_OTHER = 150,
            PAGE_ITSELF = 100, OTHER_ANCHOR = 80, DECOY = 10;

    /** Longest raw link text looked at (also the cap of a script's string literal, {@link ScriptLinks}). */
    static final int MAX_RAW = 3 * SafeUrl.MAX_LENGTH;

    /**
     * What one probe's chain offers, from one pass over its hops.
     *
     * @param ranked the chain's candidates, ranked ({@link #extract(ProbeObservation)})
     * @param byHop  each hop's own candidates, ranked ({@link #extract(RecordedResponse)}), in hop order
     */
    public record ChainCandidates(List<LoginCandidate> ranked, List<List<LoginCandidate>> byHop, boolean cutShort,
                                  List<URI> onThisComputer) {
        /**
         * @param cutShort       the {@link ExtractionBudget} ran out while reading this chain: what was found
         *                       before is here, later finds (and later hops) are missing
         * @param onThisComputer links the chain offered that point at this computer while its probe does not
         *                       ({@link SafeUrl#problemFrom}): left out of {@code ranked} and {@code byHop}
         */
        public ChainCandidates {
            ranked = List.copyOf(ranked);
            byHop = byHop.stream().<List<LoginCandidate>>map(List::copyOf).toList();
            onThisComputer = List.copyOf(onThisComputer);
        }

        public ChainCandidates(List<LoginCandidate> ranked, List<List<LoginCandidate>> byHop, boolean cutShort) {
            this(ranked, byHop, cutShort, List.of());
        }

        public ChainCandidates(List<LoginCandidate> ranked, List<List<LoginCandidate>> byHop) {
            this(ranked, byHop, false);
        }
    }

    /** At most this many refused links are named per chain. */
    private static final int MAX_NAMED_REFUSALS = 8;

    /**
     * Moves the candidates that point at this computer while {@code origin} does not ({@link SafeUrl#problemFrom})
     * from {@code found} to {@code refused}: no portal lives there, so they are never offered.
     */
    private static List<LoginCandidate> fromOrigin(URI origin, List<LoginCandidate> found, Set<URI> refused) {
        List<LoginCandidate> kept = new ArrayList<>(found.size());
        for (LoginCandidate c : found) {
            if (SafeUrl.isAcceptableFrom(origin, c.url().uri())) {
                kept.add(c);
            } else if (refused.size() < MAX_NAMED_REFUSALS) {
                refused.add(c.url().uri());
            }
        }
        return kept;
    }

    /**
     * Candidates found in one response, ranked; the response's own URL is taken as the origin (links to this
     * computer are left out unless it is there too, see {@link SafeUrl#problemFrom}).
     */
    public List<LoginCandidate> extract(RecordedResponse r) {
        return rank(fromOrigin(r.url(), collected(r, ExtractionBudget.standard()), new LinkedHashSet<>()));
    }

    /** Unranked finds of one response. */
    private List<LoginCandidate> collected(RecordedResponse r, ExtractionBudget budget) {
        Finds found = new Finds();
        collect(r, found, budget);
        return found.list();
    }

    /**
     * Candidates from every hop of a probe's chain, ranked. A chain that ends on a real page (2xx with a
     * body) after redirects ranks that landing page first: it is where the redirects were leading, and
     * what a browser would show.
     */
    public List<LoginCandidate> extract(ProbeObservation o) {
        return extractChain(o).ranked();
    }

    /** The chain's candidates as {@link #extract(ProbeObservation)} ranks them, and each hop's own, reading each hop once. */
    public ChainCandidates extractChain(ProbeObservation o) {
        return extractChain(o, ExtractionBudget.standard());
    }

    /**
     * As {@link #extractChain(ProbeObservation)}, spending {@code budget}: when it runs out, the hops not
     * read yet count as having no candidates and the result is marked {@link ChainCandidates#cutShort()}.
     */
    public ChainCandidates extractChain(ProbeObservation o, ExtractionBudget budget) {
        List<LoginCandidate> found = new ArrayList<>();
        List<List<LoginCandidate>> byHop = new ArrayList<>();
        List<RecordedResponse> hops = o.hops();
        URI origin = o.spec().url(); // the probe started the chain: links to this computer only if it is there too
        Set<URI> refused = new LinkedHashSet<>();
        for (int i = 0; i < hops.size(); i++) {
            RecordedResponse hop = hops.get(i);
            List<LoginCandidate> own = budget.spend(1) ? fromOrigin(origin, collected(hop, budget), refused) : List.of();
            byHop.add(rank(own));
            for (LoginCandidate lc : own) {
                if (i > 0 && lc.source() == LinkSource.LOCATION) {
                    // Later Locations of a chain rank just below the first, in order.
                    lc = new LoginCandidate(lc.url(), lc.source(), lc.score() - Math.min(i, 50), lc.detail() + ", hop " + (i + 1));
                }
                found.add(lc);
            }
            boolean landing = i > 0 && i == hops.size() - 1 && o.error() == null && isRealPage(hop);
            if (landing) {
                Finds page = new Finds();
                page.add(hop.url(), LinkSource.PAGE_URL, LANDING_PAGE, "where the redirects led (" + hop.status() + ")");
                found.addAll(fromOrigin(origin, page.list(), refused));
            }
        }
        return new ChainCandidates(rank(found), byHop, budget.exhausted(), List.copyOf(refused));
    }

    /**
     * The RFC 8908 API's user-portal-url as the top candidate, if present and acceptable from the API's URL
     * ({@link SafeUrl#problemFrom}: not on this computer unless the API is).
     */
    public static Optional<LoginCandidate> fromCapport(CapportStatus status) {
        if (status == null) return Optional.empty();
        return status.userPortalUrl().filter(u -> SafeUrl.isAcceptableFrom(status.apiUrl(), u))
                .map(u -> new LoginCandidate(u, LinkSource.CAPPORT_API, CAPPORT, "user-portal-url from " + status.apiUrl()));
    }

    private static boolean isRealPage(RecordedResponse r) {
        return r.status() >= 200 && r.status() < 300 && r.status() != 204 && (r.bodyLength() > 0 || r.truncated());
    }

    private static List<LoginCandidate> rank(List<LoginCandidate> found) {
        Map<WebUrl, LoginCandidate> best = new LinkedHashMap<>();
        for (LoginCandidate c : found) {
            best.merge(c.url(), c, (a, b) -> b.score() > a.score() ? b : a);
        }
        List<LoginCandidate> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingInt(LoginCandidate::score).reversed()); // stable: first found wins ties
        return out.size() > MAX_CANDIDATES ? List.copyOf(out.subList(0, MAX_CANDIDATES)) : List.copyOf(out);
    }

    // ---------------------------------------------------------------- one response

    /**
     * Every source's finds in {@code r}, unranked: the headers ({@link HeaderLinks}), then the body as JSON
     * ({@link JsonLinks}), WISPr ({@link WisprLinks}) and, unless it really was JSON, HTML ({@link HtmlLinks});
     * each body source is charged the body's length first.
     */
    private void collect(RecordedResponse r, Finds out, ExtractionBudget budget) {
        URI url = r.url();
        HeaderLinks.find(r, out);
        if (r.bodyLength() == 0) return;
        BodyText.Decoded decoded = BodyText.decode(r);
        String text = decoded.text();
        if (text.isBlank() || !budget.spend(text.length())) return;
        String ct = r.contentType().orElse("").toLowerCase(Locale.ROOT);
        String trimmed = text.stripLeading();
        boolean json = ct.contains("json") || trimmed.startsWith("{");
        int beforeJson = out.size();
        if (json) {
            JsonLinks.find(text, url, out);
        }
        boolean jsonFound = out.size() > beforeJson;
        if (budget.spend(text.length())) WisprLinks.find(text, url, out);
        // HTML unless it really was JSON (a portal that labels its HTML page application/json still gets read)
        if (!jsonFound && text.indexOf('<') >= 0 && budget.spend(text.length())) {
            HtmlLinks.find(text, url, out, budget);
        }
        if (isRealPage(r)) {
            out.add(url, LinkSource.PAGE_URL, PAGE_ITSELF, "the page served instead of the expected answer");
        }
    }
}
