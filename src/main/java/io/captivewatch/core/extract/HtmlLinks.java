package io.captivewatch.core.extract;

import io.captivewatch.core.url.SafeUrl;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import static io.captivewatch.core.extract.LinkWords.LOGIN_URL_WORDS;
import static io.captivewatch.core.extract.LinkWords.LOGIN_WORDS;
import static io.captivewatch.core.extract.LinkWords.DECOY_PATH;
import static io.captivewatch.core.extract.LinkWords.DECOY_WORDS;
import static io.captivewatch.core.extract.LinkWords.isDecoyHost;
import static io.captivewatch.core.extract.LoginLinkExtractor.DECOY;
import static io.captivewatch.core.extract.LoginLinkExtractor.FRAMESET;
import static io.captivewatch.core.extract.LoginLinkExtractor.IFRAME;
import static io.captivewatch.core.extract.LoginLinkExtractor.JAVASCRIPT;
import static io.captivewatch.core.extract.LoginLinkExtractor.JS_HANDLER;
import static io.captivewatch.core.extract.LoginLinkExtractor.LOGIN_ANCHOR;
import static io.captivewatch.core.extract.LoginLinkExtractor.LOGIN_FORM;
import static io.captivewatch.core.extract.LoginLinkExtractor.LOGIN_URL_ANCHOR;
import static io.captivewatch.core.extract.LoginLinkExtractor.OTHER_ANCHOR;
import static io.captivewatch.core.extract.LoginLinkExtractor.OTHER_FORM;
import static io.captivewatch.core.extract.LoginLinkExtractor.PASSWORD_FORM;

/**
 * The HTML link sources of one page, parsed once with jsoup (depth-capped): meta refresh ({@link MetaRefresh}),
 * scripts and inline handlers (their navigations read by {@link ScriptLinks}), frames, forms and anchors, each
 * looking at a fixed number of elements and charged to the page's {@link ExtractionBudget}. A {@code <base href>}
 * that passes {@link SafeUrl} is what relative links resolve against; which words make a link login-ish or a
 * decoy is {@link LinkWords}'s.
 */
final class HtmlLinks {
    private HtmlLinks() {}

    private static final int MAX_SCRIPTS = 64, MAX_SCRIPT_CHARS = 512 * 1024, MAX_FRAMES = 16, MAX_FORMS = 16,
            MAX_ANCHORS = 400, MAX_HANDLERS = 2000, MAX_DEPTH = 256;

    /** The links of the HTML page {@code text} served at {@code url}, into {@code out}. */
    static void find(String text, URI url, Finds out, ExtractionBudget budget) {
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
        MetaRefresh.find(doc, base, out);
        scripts(doc, base, out, budget);
        handlers(doc, base, out, budget);
        frames(doc, url, base, out, budget);
        forms(doc, url, base, out, budget);
        anchors(doc, url, base, out, budget);
    }

    /** Navigations in {@code <script>} elements of a JavaScript type, at most {@code MAX_SCRIPT_CHARS} in all. */
    private static void scripts(Document doc, URI base, Finds out, ExtractionBudget budget) {
        int scripts = 0, scriptChars = 0;
        for (Element script : doc.getElementsByTag("script")) {
            if (scripts++ >= MAX_SCRIPTS || scriptChars >= MAX_SCRIPT_CHARS || budget.exhausted()) break;
            String type = script.attr("type").toLowerCase(Locale.ROOT);
            if (!type.isEmpty() && !type.contains("javascript") && !type.equals("module") && !type.contains("ecmascript")) continue;
            String code = script.data();
            if (code.length() > MAX_SCRIPT_CHARS - scriptChars) code = code.substring(0, MAX_SCRIPT_CHARS - scriptChars);
            scriptChars += code.length();
            for (ScriptLinks.JsTarget t : ScriptLinks.jsTargets(code, budget)) {
                out.add(base, t.url(), LinkSource.JAVASCRIPT, JAVASCRIPT - (t.partial() ? 40 : 0),
                        t.what() + (t.partial() ? " (start of a concatenation)" : ""));
            }
        }
    }

    /** Navigations in inline handlers ({@code onclick}, ...) and {@code javascript:} links. */
    private static void handlers(Document doc, URI base, Finds out, ExtractionBudget budget) {
        int handlers = 0;
        for (Element e : doc.getAllElements()) {
            if (e.attributesSize() == 0) continue;
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue();
                boolean handler = key.startsWith("on");
                boolean jsHref = (key.equals("href") || key.equals("action")) && value.trim().toLowerCase(Locale.ROOT).startsWith("javascript:");
                if (!handler && !jsHref) continue;
                if (handlers++ >= MAX_HANDLERS || budget.exhausted()) return;
                boolean onload = key.equals("onload") && (e.tagName().equals("body") || e.tagName().equals("frameset"));
                for (ScriptLinks.JsTarget t : ScriptLinks.jsTargets(value, budget)) {
                    out.add(base, t.url(), LinkSource.JAVASCRIPT, onload ? JAVASCRIPT - 20 : JS_HANDLER,
                            t.what() + " in " + e.tagName() + " " + key);
                }
            }
        }
    }

    private static void frames(Document doc, URI url, URI base, Finds out, ExtractionBudget budget) {
        int frames = 0;
        for (Element f : doc.select("frame[src], iframe[src]")) {
            if (frames++ >= MAX_FRAMES || !budget.spend(1)) break;
            Optional<URI> u = SafeUrl.resolve(base, f.attr("src"));
            if (u.isEmpty()) continue;
            boolean inFrameset = f.tagName().equals("frame");
            int score = isDecoyHost(u.get(), url) ? DECOY : (inFrameset ? FRAMESET : IFRAME) + (LOGIN_URL_WORDS.matcher(u.get().toString()).find() ? 50 : 0);
            out.add(u.get(), LinkSource.FRAME, score, inFrameset ? "frame in a frameset" : "iframe");
        }
    }

    private static void forms(Document doc, URI url, URI base, Finds out, ExtractionBudget budget) {
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
            out.add(u.get(), LinkSource.FORM, score, detail + " (" + Finds.shorten(method, 8) + ")");
        }
    }

    private static void anchors(Document doc, URI url, URI base, Finds out, ExtractionBudget budget) {
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
            String shown = Finds.shorten(anchorText.trim(), 40);
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
            out.add(u.get(), LinkSource.ANCHOR, score, detail);
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
}
