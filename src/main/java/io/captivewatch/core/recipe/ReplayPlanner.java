package io.captivewatch.core.recipe;

import io.captivewatch.core.url.SafeUrl;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans one step of a {@link Recipe} against a freshly fetched page: finds the form the user submitted (same
 * action path and method, exactly the same controls), fills it as a browser would from the page itself (hidden
 * tokens, default values, boxes ticked by the page), applies the user's {@link Recipe.Choice}s and the
 * submitter, and encodes the request. Anything that differs — no such form, a control that appeared, went or
 * changed type, a choice whose control is gone, an address that is not http(s) or points at this computer —
 * is a {@link Plan.Mismatch}: the caller stops and opens the login window. Pure (jsoup, no network).
 */
public final class ReplayPlanner {
    /** Longest page read. */
    public static final int MAX_PAGE_CHARS = 512 * 1024;

    private ReplayPlanner() {}

    /** The request to send for a step, or why there is none. */
    public sealed interface Plan {
        record Submit(String method, URI url, byte[] body) implements Plan {}

        record Mismatch(String reason) implements Plan {}
    }

    private static final Set<String> INPUT_TYPES = Set.of("hidden", "text", "search", "tel", "url", "email", "password",
            "date", "month", "week", "time", "datetime-local", "number", "range", "color", "checkbox", "radio", "file",
            "submit", "image", "reset", "button");

    /** The control's type as the DOM reports it ({@code HTMLInputElement.type} and kin). */
    static String type(Element e) {
        String t = e.attr("type").strip().toLowerCase(Locale.ROOT);
        return switch (e.normalName()) {
            case "input" -> INPUT_TYPES.contains(t) ? t : "text";
            case "select" -> e.hasAttr("multiple") ? "select-multiple" : "select-one";
            case "textarea" -> "textarea";
            case "button" -> t.equals("reset") || t.equals("button") ? t : "submit";
            default -> t;
        };
    }

    private static List<Element> controls(FormElement form) {
        List<Element> out = new ArrayList<>();
        for (Element e : form.elements()) {
            String tag = e.normalName();
            if ((tag.equals("input") || tag.equals("select") || tag.equals("textarea") || tag.equals("button"))
                    && !e.attr("name").isEmpty()) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * @param page   the fresh page's URL (after redirects)
     * @param html   its text
     * @param step   the step to replay
     * @param origin where the replay started (the portal's login URL), for {@link SafeUrl#problemFrom}
     */
    public static Plan plan(URI page, String html, Recipe.Step step, URI origin) {
        if (html.length() > MAX_PAGE_CHARS) html = html.substring(0, MAX_PAGE_CHARS);
        Document doc = Jsoup.parse(html, page.toString());
        for (Element e : doc.select("input, select, textarea")) {
            Optional<String> s = FieldRules.sensitive(new FieldRules.Field(type(e), e.attr("name"), e.id(), e.attr("autocomplete")));
            if (s.isPresent()) return new Plan.Mismatch("the page now has " + s.get());
        }
        List<String> near = new ArrayList<>();
        for (Element el : doc.select("form")) {
            if (!(el instanceof FormElement form)) continue;
            String method = form.attr("method").strip().equalsIgnoreCase("post") ? "post" : "get";
            String rawAction = form.attr("action").strip();
            Optional<URI> action = rawAction.isEmpty() ? Optional.of(page) : SafeUrl.resolve(page, rawAction);
            if (action.isEmpty()) continue;
            if (!method.equals(step.method()) || !RecipeRecorder.actionKey(page, action.get()).equals(step.action())) continue;
            List<Element> controls = controls(form);
            TreeSet<String> labels = new TreeSet<>();
            for (Element c : controls) labels.add(Recipe.field(c.attr("name"), type(c)));
            if (!labels.equals(new TreeSet<>(step.fields()))) {
                TreeSet<String> added = new TreeSet<>(labels);
                added.removeAll(step.fields());
                TreeSet<String> gone = new TreeSet<>(step.fields());
                gone.removeAll(labels);
                near.add((added.isEmpty() ? "" : "new " + added + " ") + (gone.isEmpty() ? "" : "gone " + gone));
                continue;
            }
            String enctype = form.attr("enctype").strip().toLowerCase(Locale.ROOT);
            if (!enctype.isEmpty() && !enctype.equals("application/x-www-form-urlencoded")) {
                return new Plan.Mismatch("the form now sends " + enctype);
            }
            return submit(form, controls, action.get(), step, origin);
        }
        if (!near.isEmpty()) return new Plan.Mismatch("the form sending to " + step.action() + " changed: " + near.get(0).strip());
        return new Plan.Mismatch("no form sending to " + step.action() + " (" + step.method() + ") on " + SafeUrl.shown(page.toString()));
    }

    private static Plan submit(FormElement form, List<Element> controls, URI action, Recipe.Step step, URI origin) {
        List<String[]> data = new ArrayList<>();
        for (Element c : controls) {
            if (c.hasAttr("disabled")) continue;
            String name = c.attr("name");
            switch (type(c)) {
                case "checkbox", "radio" -> {
                    if (c.hasAttr("checked")) data.add(new String[]{name, c.hasAttr("value") ? c.attr("value") : "on"});
                }
                case "submit", "image", "reset", "button", "file" -> { /* only the submitter is sent */ }
                case "select-one", "select-multiple" -> {
                    List<Element> chosen = c.select("option[selected]");
                    if (chosen.isEmpty() && type(c).equals("select-one")) chosen = c.select("option").stream().limit(1).toList();
                    for (Element o : chosen) data.add(new String[]{name, o.hasAttr("value") ? o.attr("value") : o.text()});
                }
                case "textarea" -> data.add(new String[]{name, c.wholeText()});
                default -> data.add(new String[]{name, c.attr("value")});
            }
        }
        for (Recipe.Choice ch : step.choices()) {
            Element control = controls.stream().filter(c -> c.attr("name").equals(ch.name())).findFirst().orElse(null);
            if (control == null) return new Plan.Mismatch("the control " + ch.name() + " the user set is gone");
            String t = type(control);
            if (t.equals("checkbox") || t.equals("radio")) {
                // the control with the recorded value (a box's value comes from the page, never a token of ours)
                boolean exists = controls.stream().anyMatch(c -> c.attr("name").equals(ch.name())
                        && (c.hasAttr("value") ? c.attr("value") : "on").equals(ch.value()));
                if (!exists) return new Plan.Mismatch("the choice " + ch.name() + "=" + ch.value() + " is no longer offered");
                if (t.equals("radio")) data.removeIf(d -> d[0].equals(ch.name()));
                else data.removeIf(d -> d[0].equals(ch.name()) && d[1].equals(ch.value()));
                if (ch.on()) data.add(new String[]{ch.name(), ch.value()});
            } else {
                data.removeIf(d -> d[0].equals(ch.name()));
                data.add(new String[]{ch.name(), ch.value()});
            }
        }
        if (step.submitter() != null) {
            Element button = controls.stream().filter(c -> c.attr("name").equals(step.submitter())
                    && type(c).equals("submit")).findFirst().orElse(null);
            if (button == null) return new Plan.Mismatch("the button " + step.submitter() + " is gone");
            data.add(new String[]{step.submitter(), button.attr("value")});
        }
        StringBuilder q = new StringBuilder();
        for (String[] d : data) {
            if (q.length() > 0) q.append('&');
            q.append(URLEncoder.encode(d[0], StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(d[1], StandardCharsets.UTF_8));
        }
        URI target;
        byte[] body = null;
        if (step.method().equals("get")) {
            String base = action.toString().replaceFirst("[?#].*$", "");
            Optional<URI> u = SafeUrl.parse(base + "?" + q);
            if (u.isEmpty()) return new Plan.Mismatch("the form's address is not usable");
            target = u.get();
        } else {
            target = SafeUrl.parse(action.toString().replaceFirst("#.*$", "")).orElse(null);
            if (target == null) return new Plan.Mismatch("the form's address is not usable");
            body = q.toString().getBytes(StandardCharsets.UTF_8);
        }
        Optional<String> problem = SafeUrl.problemFrom(origin, target);
        if (problem.isPresent()) return new Plan.Mismatch("the form's address " + problem.get());
        return new Plan.Submit(step.method().toUpperCase(Locale.ROOT), target, body);
    }
}
