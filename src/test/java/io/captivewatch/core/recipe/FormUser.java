package io.captivewatch.core.recipe;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What the login window reports when a user submits a form, built from a page with jsoup (tests only). */
public final class FormUser {
    private FormUser() {}

    /**
     * The report for submitting the form whose submit button reads {@code button} on {@code html}, with the boxes
     * named in {@code ticked} ticked by the user and {@code typed} (name, text pairs) typed.
     */
    public static SubmittedForm submit(URI page, String html, String button, Set<String> ticked, String... typed) {
        var doc = Jsoup.parse(html, page.toString());
        for (Element el : doc.select("form")) {
            FormElement form = (FormElement) el;
            if (form.select("input[type=submit][value=" + button + "], button:contains(" + button + ")").isEmpty()) continue;
            List<SubmittedForm.Field> fields = new ArrayList<>();
            String sensitive = null;
            for (Element c : doc.select("input, select, textarea")) {
                var f = new FieldRules.Field(ReplayPlanner.type(c), c.attr("name"), c.id(), c.attr("autocomplete"));
                if (sensitive == null) sensitive = FieldRules.sensitive(f).orElse(null);
            }
            for (Element c : form.elements()) {
                if (c.attr("name").isEmpty()) continue;
                String type = ReplayPlanner.type(c);
                boolean tick = ticked.contains(c.attr("name"));
                String typedValue = null;
                for (int i = 0; i + 1 < typed.length; i += 2) if (typed[i].equals(c.attr("name"))) typedValue = typed[i + 1];
                boolean changed = tick || typedValue != null;
                String value = !changed ? null : tick ? (c.hasAttr("value") ? c.attr("value") : "on") : typedValue;
                fields.add(new SubmittedForm.Field(c.attr("name"), type, c.id(), c.attr("autocomplete"), value, changed, tick));
            }
            return new SubmittedForm(page.toString(), form.attr("action"), form.attr("method"), form.attr("enctype"),
                    fields, null, sensitive);
        }
        throw new AssertionError("no form with a button " + button);
    }
}
