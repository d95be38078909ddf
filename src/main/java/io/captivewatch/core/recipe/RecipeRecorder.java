package io.captivewatch.core.recipe;

import io.captivewatch.core.url.SafeUrl;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns the forms a user submitted during one sign-in ({@link SubmittedForm}, as reported by the login window)
 * into a {@link Recipe}, or says why there is none. Pure; the reports are re-checked here, whatever the login
 * process already filtered: a sensitive field anywhere (by {@link FieldRules}) means no recipe, and no value of a
 * hidden field, of a sensitive field or of a field the user did not change is ever kept.
 */
public final class RecipeRecorder {
    /** Longest text the user typed that may be kept (a longer one is no click-through choice). */
    public static final int MAX_TYPED = 100;

    private final List<SubmittedForm> forms = new ArrayList<>();
    private String refused;

    /** Adds one submission (in order). Bounded: past {@link Recipe#MAX_STEPS} the sign-in is not offered. */
    public synchronized void add(SubmittedForm f) {
        if (refused != null) return;
        if (forms.size() >= Recipe.MAX_STEPS) {
            refused = "more than " + Recipe.MAX_STEPS + " forms were submitted";
            return;
        }
        forms.add(f);
    }

    /** Forgets everything (a new sign-in begins). */
    public synchronized void clear() {
        forms.clear();
        refused = null;
    }

    /** Whether anything was submitted since the last {@link #clear()}. */
    public synchronized boolean isEmpty() {
        return forms.isEmpty() && refused == null;
    }

    /** The recipe for what was submitted, or why there is none ({@link Built#refused()}). */
    public synchronized Built build() {
        if (refused != null) return Built.no(refused);
        if (forms.isEmpty()) return Built.no("no form was submitted in the login window");
        List<Recipe.Step> steps = new ArrayList<>();
        for (SubmittedForm f : forms) {
            Optional<String> why = Optional.ofNullable(f.sensitive()).map(s -> "the page had " + s);
            if (why.isPresent()) return Built.no(why.get());
            Built.StepOrWhy s = step(f);
            if (s.why != null) return Built.no(s.why);
            steps.add(s.step);
        }
        return new Built(Optional.of(new Recipe(steps)), null);
    }

    /** A recipe, or why none. */
    public record Built(Optional<Recipe> recipe, String refused) {
        static Built no(String why) {
            return new Built(Optional.empty(), why);
        }

        private record StepOrWhy(Recipe.Step step, String why) {}
    }

    static Built.StepOrWhy step(SubmittedForm f) {
        if (f.fields().size() > SubmittedForm.MAX_FIELDS) return new Built.StepOrWhy(null, "a form had too many fields");
        if (!f.enctype().equals("application/x-www-form-urlencoded")) {
            return new Built.StepOrWhy(null, "a form sent " + f.enctype() + ", which is not replayed");
        }
        if (!f.method().equals("get") && !f.method().equals("post")) {
            return new Built.StepOrWhy(null, "a form used method " + f.method());
        }
        Optional<URI> page = SafeUrl.parse(f.page()).filter(SafeUrl::isAcceptable);
        if (page.isEmpty()) return new Built.StepOrWhy(null, "a form was on a page that is not http(s)");
        Optional<URI> action = f.action().isBlank() ? page : SafeUrl.resolve(page.get(), f.action());
        if (action.isEmpty() || !SafeUrl.isAcceptableFrom(page.get(), action.get())) {
            return new Built.StepOrWhy(null, "a form sent to an address that is not http(s)");
        }
        TreeSet<String> labels = new TreeSet<>();
        List<Recipe.Choice> choices = new ArrayList<>();
        for (SubmittedForm.Field x : f.fields()) {
            if (x.name().isEmpty()) continue;
            Optional<String> why = FieldRules.sensitive(x.rules());
            if (why.isPresent()) return new Built.StepOrWhy(null, "the form had " + why.get());
            labels.add(Recipe.field(x.name(), x.type()));
            if (!x.changed() || !FieldRules.entered(x.rules())) continue; // hidden: from the page at each replay
            switch (x.type()) {
                case "checkbox", "radio" -> choices.add(new Recipe.Choice(x.name(), x.value(), x.checked()));
                case "select-one", "select-multiple", "text", "search", "number", "range", "color", "textarea" -> {
                    if (x.value() == null || x.value().length() > MAX_TYPED) {
                        return new Built.StepOrWhy(null, "the user typed text that is not kept");
                    }
                    choices.add(new Recipe.Choice(x.name(), x.value(), true));
                }
                default -> {
                    return new Built.StepOrWhy(null, "the user changed a field of type " + x.type());
                }
            }
        }
        String submitter = f.submitter() == null || f.submitter().name().isEmpty() ? null : f.submitter().name();
        if (submitter != null) labels.add(Recipe.field(submitter, f.submitter().type()));
        return new Built.StepOrWhy(new Recipe.Step(actionKey(page.get(), action.get()), f.method(), List.copyOf(labels),
                choices, submitter), null);
    }

    /** The action as a recipe keeps it: the path on the page's own origin, else origin and path; never the query. */
    static String actionKey(URI page, URI action) {
        String path = action.getRawPath() == null || action.getRawPath().isEmpty() ? "/" : action.getRawPath();
        if (origin(page).equals(origin(action))) return path;
        return origin(action) + path;
    }

    static String origin(URI u) {
        String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + u.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }
}
