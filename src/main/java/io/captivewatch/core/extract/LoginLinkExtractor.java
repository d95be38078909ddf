package io.captivewatch.core.extract;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.SafeUrl;
import io.captivewatch.core.url.WebUrl;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.parser.Parser;

import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
 * <p>Stateless and thread-safe. Extraction parses the body, so a caller that needs a probe's candidates more than
 * once computes them once ({@link #extractChain} gives the chain's and each hop's).
 *
 * <p>Bounded: the body is decoded by {@link BodyText} (at most {@link BodyText#MAX_DECODED} bytes), and
 * each source looks at a fixed number of elements. Pure and total: never throws on any response.
 */
public final class LoginLinkExtractor {
    /** At most this many candidates are returned. */
    public static final int MAX_CANDIDATES = 32;

    /** Scores; higher ranks first. Package-private for tests. */
    static final int CAPPORT = 1000, LANDING_PAGE = 950, LOCATION = 900, WISPR_LOGIN = 880,
            META_REFRESH = 850, JAVASCRIPT = 800, FRAMESET = 780, PASSWORD_FORM = 780, LOGIN_FORM = 720,
            LOCATION_NOT_REDIRECT = 600, LOGIN_ANCHOR = 600, IFRAME = 600, LINK_CAPTIVE_PORTAL = 550,
            JS_HANDLER = 500, LOGIN_URL_ANCHOR = 450, WISPR_NEXT = 300, OTHER_FORM = 250, LINK_OTHER = 150,
            PAGE_ITSELF = 100, OTHER_ANCHOR = 80, DECOY = 10;

    private static final int MAX_META = 8, MAX_SCRIPTS = 64, MAX_SCRIPT_CHARS = 512 * 1024,
            MAX_FRAMES = 16, MAX_FORMS = 16, MAX_ANCHORS = 400, MAX_HANDLERS = 2000, MAX_WISPR = 8,
            MAX_JSON_FIELDS = 2000, MAX_COLLECTED = 512, MAX_DEPTH = 256;
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
        return rank(fromOrigin(r.url(), collected(r, ExtractionBudget.standard()), new java.util.LinkedHashSet<>()));
    }

    /** Unranked finds of one response. */
    private List<LoginCandidate> collected(RecordedResponse r, ExtractionBudget budget) {
        List<LoginCandidate> found = new ArrayList<>();
        collect(r, found, budget);
        return found;
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
        Set<URI> refused = new java.util.LinkedHashSet<>();
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
                List<LoginCandidate> page = new ArrayList<>(1);
                add(page, hop.url(), LinkSource.PAGE_URL, LANDING_PAGE, "where the redirects led (" + hop.status() + ")");
                found.addAll(fromOrigin(origin, page, refused));
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

    private static void add(List<LoginCandidate> out, URI url, LinkSource source, int score, String detail) {
        if (out.size() >= MAX_COLLECTED) return;
        WebUrl.of(url).ifPresent(u -> out.add(new LoginCandidate(u, source, score, detail)));
    }

    private static void add(List<LoginCandidate> out, URI base, String raw, LinkSource source, int score, String detail) {
        if (raw == null || raw.length() > MAX_RAW) return;
        SafeUrl.resolve(base, raw).ifPresent(u -> add(out, u, source, score, detail));
    }

    // ---------------------------------------------------------------- one response

    private void collect(RecordedResponse r, List<LoginCandidate> out, ExtractionBudget budget) {
        URI url = r.url();
        r.location().ifPresent(loc -> {
            String clean = cleanLocation(loc);
            if (clean != null) {
                boolean redirect = r.isRedirect();
                add(out, url, clean, LinkSource.LOCATION, redirect ? LOCATION : LOCATION_NOT_REDIRECT,
                        redirect ? r.status() + " redirect" : "Location on a " + r.status());
            }
        });
        // Resource links (stylesheets, preloads) do not count towards the bound: a flood of them must not hide the one that matters.
        for (LinkHeader.Link link : LinkHeader.parse(r.headers().all("Link"), url,
                l -> l.target().isPresent() && l.rels().stream().noneMatch(RESOURCE_RELS::contains))) {
            if (link.target().isEmpty()) continue;
            if (link.hasRel("captive-portal")) {
                add(out, link.target().get(), LinkSource.LINK_HEADER, LINK_CAPTIVE_PORTAL, "rel=captive-portal");
            } else if (link.rels().stream().noneMatch(RESOURCE_RELS::contains)) {
                add(out, link.target().get(), LinkSource.LINK_HEADER, LINK_OTHER,
                        link.rels().isEmpty() ? "no rel" : "rel=" + String.join(" ", link.rels()));
            }
        }
        if (r.bodyLength() == 0) return;
        BodyText.Decoded decoded = BodyText.decode(r);
        String text = decoded.text();
        if (text.isBlank() || !budget.spend(text.length())) return;
        String ct = r.contentType().orElse("").toLowerCase(Locale.ROOT);
        String trimmed = text.stripLeading();
        boolean json = ct.contains("json") || trimmed.startsWith("{");
        int beforeJson = out.size();
        if (json) {
            json(text, url, out);
        }
        boolean jsonFound = out.size() > beforeJson;
        if (budget.spend(text.length())) wispr(text, url, out);
        // HTML unless it really was JSON (a portal that labels its HTML page application/json still gets read)
        if (!jsonFound && text.indexOf('<') >= 0 && budget.spend(text.length())) {
            html(text, url, out, budget);
        }
        if (isRealPage(r)) {
            add(out, url, LinkSource.PAGE_URL, PAGE_ITSELF, "the page served instead of the expected answer");
        }
    }

    private static final Set<String> RESOURCE_RELS = Set.of("stylesheet", "preload", "prefetch", "preconnect",
            "dns-prefetch", "modulepreload", "icon", "shortcut", "apple-touch-icon", "manifest", "prerender",
            "canonical", "alternate", "next", "prev", "previous", "next-archive", "search", "pingback");

    private static final Pattern ENTITY = Pattern.compile("&(?:amp|lt|gt|quot|apos|#\\d{1,7}|#[xX][0-9a-fA-F]{1,6});");

    /** Repairs what real portals get wrong in Location: quotes, HTML entities, a wholly percent-encoded URL. */
    static String cleanLocation(String v) {
        if (v.length() > MAX_RAW) return null;
        String s = SafeUrl.strip(v);
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1).trim();
        }
        if (ENTITY.matcher(s).find()) s = Parser.unescapeEntities(s, true);
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http%3a") || lower.startsWith("https%3a") || lower.startsWith("%2f%2f")) {
            try {
                s = URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return s;
    }

    // ---------------------------------------------------------------- JSON

    private static void json(String text, URI base, List<LoginCandidate> out) {
        try (JsonReader jr = new JsonReader(new StringReader(text))) {
            jr.setStrictness(com.google.gson.Strictness.LENIENT);
            if (jr.peek() != JsonToken.BEGIN_OBJECT) return;
            int[] budget = {MAX_JSON_FIELDS};
            jsonObject(jr, 0, base, out, budget);
        } catch (Exception | StackOverflowError e) {
            // malformed JSON: keep what was found before the error
        }
    }

    private static void jsonObject(JsonReader jr, int depth, URI base, List<LoginCandidate> out, int[] budget) throws java.io.IOException {
        jr.beginObject();
        while (jr.hasNext()) {
            if (--budget[0] < 0) throw new java.io.IOException("too many fields");
            String name = jr.nextName();
            JsonToken t = jr.peek();
            if (t == JsonToken.STRING) {
                String value = jr.nextString();
                Integer score = JSON_KEYS.get(name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""));
                if (score != null) {
                    add(out, base, value, LinkSource.JSON, score - depth * 5, "\"" + shorten(name, 40) + "\"" + (depth > 0 ? " (nested)" : ""));
                }
            } else if (t == JsonToken.BEGIN_OBJECT && depth == 0) {
                jsonObject(jr, depth + 1, base, out, budget);
            } else {
                jr.skipValue();
            }
        }
        jr.endObject();
    }

    private static final Map<String, Integer> JSON_KEYS = Map.ofEntries(
            Map.entry("userportalurl", 870), Map.entry("loginurl", 860), Map.entry("loginuri", 860),
            Map.entry("loginpage", 850), Map.entry("portalurl", 840), Map.entry("captiveportal", 820),
            Map.entry("captiveportalurl", 840), Map.entry("login", 700), Map.entry("authurl", 820),
            Map.entry("redirecturl", 600), Map.entry("redirecturi", 600), Map.entry("redirect", 580),
            Map.entry("url", 400), Map.entry("href", 380), Map.entry("link", 380), Map.entry("location", 400));

    // ---------------------------------------------------------------- WISPr

    private static final int MAX_WISPR_URL = 12288;

    /**
     * {@code <LoginURL>} and {@code <NextURL>} elements (case-insensitive tag names), their text or CDATA.
     * Found by searching for the tags, each next tag searched for again only once passed: the regex it
     * replaces backtracked quadratically over whitespace inside an unclosed element (issue #13).
     */
    private static void wispr(String text, URI base, List<LoginCandidate> out) {
        String lower = asciiLower(text);
        if (!lower.contains("url>")) return;
        boolean gateway = lower.contains("wispaccessgatewayparam");
        String[] names = {"loginurl", "nexturl"};
        int[] open = {-1, -1}, close = {-1, -1}; // next open/close tag per name at or after the search point; -2: none
        int from = 0, n = 0;
        while (n < MAX_WISPR) {
            for (int k = 0; k < 2; k++) {
                if (open[k] != -2 && open[k] < from) open[k] = ScriptLinks.nextOrEnd(lower, "<" + names[k] + ">", from);
            }
            int k = open[0] == -2 ? 1 : open[1] == -2 ? 0 : open[0] < open[1] ? 0 : 1;
            int o = open[k];
            if (o < 0) break;
            int cs = o + names[k].length() + 2;
            if (close[k] != -2 && close[k] < cs) close[k] = ScriptLinks.nextOrEnd(lower, "</" + names[k] + ">", cs);
            int c = close[k];
            if (c < 0) {
                open[k] = -2; // never closed: no later one is either
                from = o + 1;
                continue;
            }
            from = o + 1;
            if (c - cs > MAX_WISPR_URL + 64) continue;
            String inner = text.substring(cs, c).strip();
            String raw;
            if (inner.startsWith("<![CDATA[") && inner.endsWith("]]>") && inner.length() > 12) {
                raw = inner.substring(9, inner.length() - 3);
                if (raw.indexOf(']') >= 0) continue;
            } else if (!inner.isEmpty() && inner.indexOf('<') < 0) {
                raw = Parser.unescapeEntities(inner, false);
            } else {
                continue;
            }
            if (raw.length() > MAX_WISPR_URL) continue;
            n++;
            from = c + names[k].length() + 3;
            boolean login = k == 0;
            add(out, base, raw.trim(), LinkSource.WISPR, login ? WISPR_LOGIN - (gateway ? 0 : 30) : WISPR_NEXT,
                    (login ? "LoginURL" : "NextURL") + (gateway ? "" : " (outside WISPAccessGatewayParam)"));
        }
    }

    /** ASCII letters lowered, every other character kept: indices stay those of {@code s}. */
    private static String asciiLower(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') c[i] += 32;
        }
        return new String(c);
    }

    // ---------------------------------------------------------------- HTML

    private void html(String text, URI url, List<LoginCandidate> out, ExtractionBudget budget) {
        Document doc;
        try {
            doc = Jsoup.parse(text, url.toString(), Parser.htmlParser().setMaxDepth(MAX_DEPTH));
        } catch (RuntimeException | StackOverflowError e) {
            return;
        }
        URI base = url;
        Element baseEl = doc.selectFirst("base[href]");
        if (baseEl != null) {
            Optional<URI> b = SafeUrl.resolve(url, baseEl.attr("href"));
            if (b.isPresent()) base = b.get();
        }
        // meta refresh
        int metas = 0;
        for (Element meta : doc.getElementsByTag("meta")) {
            if (!meta.attr("http-equiv").trim().equalsIgnoreCase("refresh")) continue;
            if (metas++ >= MAX_META) break;
            RefreshTarget t = parseRefresh(meta.attr("content"));
            if (t != null && !t.url().isEmpty()) {
                add(out, base, t.url(), LinkSource.META_REFRESH, t.delay() <= 10 ? META_REFRESH : META_REFRESH - 150,
                        "meta refresh after " + t.delay() + " s");
            }
        }
        // scripts
        int scripts = 0, scriptChars = 0;
        for (Element script : doc.getElementsByTag("script")) {
            if (scripts++ >= MAX_SCRIPTS || scriptChars >= MAX_SCRIPT_CHARS || budget.exhausted()) break;
            String type = script.attr("type").toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !type.contains("javascript") && !type.equals("module") && !type.contains("ecmascript")) continue;
            String code = script.data();
            if (code.length() > MAX_SCRIPT_CHARS - scriptChars) code = code.substring(0, MAX_SCRIPT_CHARS - scriptChars);
            scriptChars += code.length();
            for (ScriptLinks.JsTarget t : ScriptLinks.jsTargets(code, budget)) {
                add(out, base, t.url(), LinkSource.JAVASCRIPT, JAVASCRIPT - (t.partial() ? 40 : 0),
                        t.what() + (t.partial() ? " (start of a concatenation)" : ""));
            }
        }
        // inline handlers and javascript: links
        int handlers = 0;
        outer:
        for (Element e : doc.getAllElements()) {
            if (e.attributesSize() == 0) continue;
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue();
                boolean handler = key.startsWith("on");
                boolean jsHref = (key.equals("href") || key.equals("action")) && value.trim().toLowerCase(Locale.ROOT).startsWith("javascript:");
                if (!handler && !jsHref) continue;
                if (handlers++ >= MAX_HANDLERS || budget.exhausted()) break outer;
                boolean onload = key.equals("onload") && (e.tagName().equals("body") || e.tagName().equals("frameset"));
                for (ScriptLinks.JsTarget t : ScriptLinks.jsTargets(value, budget)) {
                    add(out, base, t.url(), LinkSource.JAVASCRIPT, onload ? JAVASCRIPT - 20 : JS_HANDLER,
                            t.what() + " in " + e.tagName() + " " + key);
                }
            }
        }
        // frames
        int frames = 0;
        for (Element f : doc.select("frame[src], iframe[src]")) {
            if (frames++ >= MAX_FRAMES || !budget.spend(1)) break;
            Optional<URI> u = SafeUrl.resolve(base, f.attr("src"));
            if (u.isEmpty()) continue;
            boolean inFrameset = f.tagName().equals("frame");
            int score = isDecoyHost(u.get(), url) ? DECOY : (inFrameset ? FRAMESET : IFRAME) + (LOGIN_URL_WORDS.matcher(u.get().toString()).find() ? 50 : 0);
            add(out, u.get(), LinkSource.FRAME, score, inFrameset ? "frame in a frameset" : "iframe");
        }
        // forms
        int forms = 0;
        for (Element form : doc.getElementsByTag("form")) {
            if (forms++ >= MAX_FORMS || !budget.spend(64)) break;
            String action = form.attr("action").trim();
            // An empty action submits to the document's own URL (not the base URL).
            Optional<URI> u = action.isEmpty() ? Optional.of(url) : SafeUrl.resolve(base, action);
            if (u.isEmpty()) continue;
            boolean password = !form.select("input[type=password]").isEmpty();
            StringBuilder hay = new StringBuilder(action).append(' ').append(form.id()).append(' ')
                    .append(form.attr("name")).append(' ').append(form.className());
            for (Element b : form.select("button, input[type=submit], input[type=image], input[type=button]")) {
                hay.append(' ').append(b.attr("value")).append(' ').append(boundedText(b, 100)).append(' ').append(b.id()).append(' ').append(b.attr("name"));
                if (hay.length() > 4000) break;
            }
            String h = hay.toString();
            boolean loginish = LOGIN_URL_WORDS.matcher(h).find() || LOGIN_WORDS.matcher(h).find();
            String method = form.attr("method").isBlank() ? "GET" : form.attr("method").trim().toUpperCase(Locale.ROOT);
            int score;
            String detail;
            if (isDecoyHost(u.get(), url)) {
                score = DECOY;
                detail = "form to a third party";
            } else if (password) {
                score = PASSWORD_FORM;
                detail = "form with a password field";
            } else if (loginish) {
                score = LOGIN_FORM;
                detail = "login form";
            } else {
                score = OTHER_FORM;
                detail = "form";
            }
            add(out, u.get(), LinkSource.FORM, score, detail + " (" + shorten(method, 8) + ")");
        }
        // anchors
        int anchors = 0;
        for (Element a : doc.select("a[href], area[href]")) {
            if (anchors++ >= MAX_ANCHORS || !budget.spend(16)) break;
            String href = a.attr("href");
            if (href.trim().startsWith("#")) continue;
            Optional<URI> u = SafeUrl.resolve(base, href);
            if (u.isEmpty()) continue;
            String anchorText = boundedText(a, 200);
            String label = anchorText + " " + a.attr("title") + " " + a.attr("alt") + " " + a.id() + " " + a.className();
            int score;
            String detail;
            String shown = shorten(anchorText.trim(), 40);
            if (isDecoyHost(u.get(), url)) {
                score = DECOY;
                detail = "third-party link";
            } else if (LOGIN_WORDS.matcher(label).find()) {
                score = LOGIN_ANCHOR;
                detail = "link \"" + shown + "\"";
            } else if (DECOY_WORDS.matcher(label).find() || DECOY_PATH.matcher(u.get().getRawPath() == null ? "" : u.get().getRawPath()).find()) {
                score = DECOY + 20;
                detail = "side link \"" + shown + "\"";
            } else if (LOGIN_URL_WORDS.matcher(u.get().toString()).find()) {
                score = LOGIN_URL_ANCHOR;
                detail = "link to a login-like URL";
            } else {
                score = OTHER_ANCHOR;
                detail = "link \"" + shown + "\"";
            }
            add(out, u.get(), LinkSource.ANCHOR, score, detail);
        }
    }

    /**
     * The text of an element, at most about {@code maxChars} characters from at most 256 nodes: nested
     * anchors in a hostile page must not make every anchor's text cost the whole document.
     */
    static String boundedText(Element e, int maxChars) {
        StringBuilder sb = new StringBuilder();
        int[] nodes = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node n, int depth) {
                if (++nodes[0] > 256 || sb.length() >= maxChars) return FilterResult.STOP;
                if (n instanceof TextNode t) {
                    String w = t.text().trim();
                    if (!w.isEmpty()) {
                        if (sb.length() > 0) sb.append(' ');
                        sb.append(w, 0, Math.min(w.length(), maxChars));
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node n, int depth) {
                return FilterResult.CONTINUE;
            }
        }, e);
        return sb.length() > maxChars ? sb.substring(0, maxChars) : sb.toString();
    }

    static final Pattern LOGIN_WORDS = Pattern.compile(
            "\\b(?:log\\s*+-?\\s*+in|log\\s*+-?\\s*+on|sign\\s*+-?\\s*+in|connect\\w*|accept\\w*|continue|agree|get online"
                    + "|go online|start browsing|start surfing|internet access|access the internet|anmelden|einloggen|verbinden"
                    + "|connexion|se connecter|conectar\\w*|acceder|accedi|iniciar sesi)"
                    + "|登录|登入|連線|连接|ログイン|로그인", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    static final Pattern LOGIN_URL_WORDS = Pattern.compile(
            "login|signin|sign-in|logon|auth|portal|captive|hotspot|guest|splash|wifidog|connect|accept|/fas", Pattern.CASE_INSENSITIVE);
    static final Pattern DECOY_WORDS = Pattern.compile(
            "\\b(?:terms|privacy|policy|help|faq|support|contact|imprint|impressum|legal|cookies?|about|datenschutz|agb"
                    + "|download the app|app store|google play|facebook|twitter|instagram|linkedin|youtube)\\b",
            Pattern.CASE_INSENSITIVE);
    static final Pattern DECOY_PATH = Pattern.compile(
            "(?:^|/)(?:terms|tos|privacy|policy|help|faq|support|contact|imprint|impressum|legal|cookies?|about)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DECOY_HOST = Pattern.compile(
            "(?:^|[.-])(?:cdn\\w*|cloudflare|akamai\\w*|jsdelivr|unpkg|googleapis|gstatic|googletagmanager|google-analytics"
                    + "|analytics|doubleclick|googlesyndication|facebook|fbcdn|twitter|instagram|linkedin|youtube|tiktok"
                    + "|pinterest|tracking|track|pixel|ads|adservice|hotjar|segment|mixpanel)(?:$|[.-])",
            Pattern.CASE_INSENSITIVE);

    /**
     * CDN, analytics, tracking, social and app-store hosts: never where you sign in. The page's own host
     * never is a decoy: an intercepted vendor probe (gstatic, ...) serves the portal's links as its own.
     */
    static boolean isDecoyHost(URI u, URI page) {
        String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
        if (page != null && host.equalsIgnoreCase(page.getHost())) return false;
        if (host.equals("x.com") || host.equals("t.co") || host.equals("apps.apple.com") || host.equals("itunes.apple.com")
                || host.equals("play.google.com") || host.equals("www.google.com") && u.getRawPath() != null && u.getRawPath().startsWith("/search")) {
            return true;
        }
        if (DECOY_HOST.matcher(host).find()) return true;
        String q = u.getRawQuery();
        return q != null && q.contains("utm_");
    }

    // ---------------------------------------------------------------- meta refresh

    record RefreshTarget(int delay, String url) {}

    /** Parses a refresh value the way browsers do: "5", "0;URL='x'", "0; url=x", "0,x", "0 x". Null if unparsable. */
    static RefreshTarget parseRefresh(String content) {
        String s = content;
        int n = Math.min(s.length(), MAX_RAW);
        int i = 0;
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        int ds = i;
        while (i < n && Character.isDigit(s.charAt(i))) i++;
        int delay = 0;
        if (i == ds) {
            if (i < n && s.charAt(i) == '.') {
                delay = 0;
            } else {
                return null;
            }
        } else {
            String d = s.substring(ds, Math.min(i, ds + 6));
            delay = Integer.parseInt(d);
        }
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        if (i < n && (s.charAt(i) == ';' || s.charAt(i) == ',')) i++;
        while (i < n && Character.isWhitespace(s.charAt(i))) i++;
        if (i >= n) return new RefreshTarget(delay, "");
        String rest = s.substring(i, n);
        if (rest.length() >= 3 && rest.substring(0, 3).equalsIgnoreCase("url")) {
            int j = 3;
            while (j < rest.length() && Character.isWhitespace(rest.charAt(j))) j++;
            if (j < rest.length() && rest.charAt(j) == '=') {
                j++;
                while (j < rest.length() && Character.isWhitespace(rest.charAt(j))) j++;
                rest = rest.substring(j);
            }
        }
        if (!rest.isEmpty() && (rest.charAt(0) == '\'' || rest.charAt(0) == '"')) {
            char q = rest.charAt(0);
            int end = rest.indexOf(q, 1);
            rest = end < 0 ? rest.substring(1) : rest.substring(1, end);
        }
        return new RefreshTarget(delay, rest.trim());
    }

    private static String shorten(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }
}
