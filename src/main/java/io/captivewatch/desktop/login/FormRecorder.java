package io.captivewatch.desktop.login;

import io.captivewatch.core.recipe.FieldRules;
import io.captivewatch.core.recipe.SubmittedForm;

import javafx.scene.web.WebEngine;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.events.Event;
import org.w3c.dom.events.EventListener;
import org.w3c.dom.events.EventTarget;
import org.w3c.dom.html.HTMLFormElement;
import org.w3c.dom.html.HTMLInputElement;
import org.w3c.dom.html.HTMLOptionElement;
import org.w3c.dom.html.HTMLSelectElement;
import org.w3c.dom.html.HTMLTextAreaElement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches the forms the user submits in the login window (issue #20), from Java, through the page's DOM
 * events: a {@code submit} listener on each document (and a {@code click} one to know which button submitted).
 * Nothing is exposed to the page's scripts — no JavaScript-to-Java bridge (SECURITY.md); a script can at most
 * dispatch a fake submit, whose report is re-checked by the tray and only becomes a recipe if the user takes the
 * tray's offer after a real, checked sign-in. A field's value is read only when the user changed it and it is neither
 * hidden nor sensitive ({@link FieldRules}); the page's sensitive fields are named, never read.
 * Runs on the FX thread.
 */
final class FormRecorder {
    private static final long SUBMITTER_WINDOW_MS = 3000;
    /** What a form that could not be read is reported as: a sensitive page, so no recipe is made of it. */
    static final String UNREADABLE = "a form that could not be read";

    private final Consumer<SubmittedForm> sink;
    private final EventListener onSubmit = this::submitted;
    private final EventListener onClick = this::clicked;
    private Element lastClicked;
    private long lastClickedAt;

    FormRecorder(WebEngine engine, Consumer<SubmittedForm> sink) {
        this.sink = sink;
        engine.documentProperty().addListener((o, old, doc) -> attach(doc));
        attach(engine.getDocument());
    }

    private void attach(Document doc) {
        if (!(doc instanceof EventTarget t)) return;
        t.addEventListener("submit", onSubmit, true);
        t.addEventListener("click", onClick, true);
    }

    private void clicked(Event e) {
        try {
            if (e.getTarget() instanceof Element el && isSubmitButton(el)) {
                lastClicked = el;
                lastClickedAt = System.currentTimeMillis();
            }
        } catch (RuntimeException | LinkageError ex) {
            lastClicked = null; // never in the way of the page
        }
    }

    private static boolean isSubmitButton(Element el) {
        String tag = el.getTagName().toLowerCase(Locale.ROOT);
        String type = el.getAttribute("type") == null ? "" : el.getAttribute("type").toLowerCase(Locale.ROOT);
        return tag.equals("button") ? !type.equals("button") && !type.equals("reset")
                : tag.equals("input") && (type.equals("submit") || type.equals("image"));
    }

    private void submitted(Event e) {
        try {
            if (!(e.getTarget() instanceof HTMLFormElement form)) return;
            Optional<SubmittedForm> f = read(form);
            if (f.isEmpty()) return;
            sink.accept(f.get());
        } catch (RuntimeException | LinkageError ex) {
            // never in the way of the user's sign-in (an exception here would cancel the page's submit);
            // what cannot be read cannot be offered: the tray hears of it as a sensitive page (no recipe)
            System.err.println("captivewatch: login window: a submitted form could not be read: " + ex);
            try {
                sink.accept(new SubmittedForm(null, null, null, null, List.of(), null, UNREADABLE));
            } catch (RuntimeException ignored) {
                // nothing more to tell
            }
        }
    }

    private Optional<SubmittedForm> read(HTMLFormElement form) {
        Document doc = form.getOwnerDocument();
        String sensitive = null;
        for (String tag : new String[]{"input", "select", "textarea"}) {
            NodeList all = doc.getElementsByTagName(tag);
            for (int i = 0; i < all.getLength() && sensitive == null && i < 500; i++) {
                if (all.item(i) instanceof Element el) sensitive = FieldRules.sensitive(rules(el)).orElse(null);
            }
        }
        List<SubmittedForm.Field> fields = new ArrayList<>();
        org.w3c.dom.html.HTMLCollection controls = form.getElements();
        for (int i = 0; i < controls.getLength() && fields.size() <= SubmittedForm.MAX_FIELDS; i++) {
            if (!(controls.item(i) instanceof Element el)) continue;
            String name = el.getAttribute("name");
            if (name == null || name.isEmpty()) continue;
            FieldRules.Field r = rules(el);
            boolean readable = FieldRules.entered(r) && FieldRules.sensitive(r).isEmpty();
            boolean changed = false, checked = false;
            String value = null;
            if (el instanceof HTMLInputElement in) {
                if (r.type().equals("checkbox") || r.type().equals("radio")) {
                    checked = in.getChecked();
                    changed = checked != in.hasAttribute("checked"); // the default; WebKit's getDefaultChecked is not native everywhere
                    if (changed && readable) value = in.getValue();
                } else {
                    changed = !String.valueOf(in.getValue()).equals(in.hasAttribute("value") ? in.getAttribute("value") : ""); // getDefaultValue has no native part in JavaFX 21
                    if (changed && readable) value = in.getValue();
                }
            } else if (el instanceof HTMLSelectElement sel) {
                org.w3c.dom.html.HTMLCollection opts = sel.getOptions();
                for (int k = 0; k < opts.getLength(); k++) {
                    if (opts.item(k) instanceof HTMLOptionElement o && o.getSelected() != o.hasAttribute("selected")) changed = true;
                }
                if (changed && readable) value = sel.getValue();
            } else if (el instanceof HTMLTextAreaElement ta) {
                changed = !String.valueOf(ta.getValue()).equals(String.valueOf(ta.getTextContent()));
                if (changed && readable) value = ta.getValue();
            }
            fields.add(new SubmittedForm.Field(name, r.type(), el.getAttribute("id"), el.getAttribute("autocomplete"),
                    value, changed, checked));
        }
        SubmittedForm.Field submitter = null;
        Element b = lastClicked;
        if (b != null && System.currentTimeMillis() - lastClickedAt < SUBMITTER_WINDOW_MS
                && b.getAttribute("name") != null && !b.getAttribute("name").isEmpty()) {
            submitter = new SubmittedForm.Field(b.getAttribute("name"), "submit", "", "", null, false, false);
        }
        lastClicked = null;
        String page = doc.getDocumentURI();
        return Optional.of(new SubmittedForm(page, form.getAttribute("action"), form.getAttribute("method"),
                form.getAttribute("enctype"), fields, submitter, sensitive));
    }

    /** The element as the rules see it; the type as the DOM normalises it. */
    private static FieldRules.Field rules(Element el) {
        String tag = el.getTagName().toLowerCase(Locale.ROOT);
        String type = switch (tag) {
            case "select" -> el.hasAttribute("multiple") ? "select-multiple" : "select-one";
            case "textarea" -> "textarea";
            case "button" -> {
                String t = String.valueOf(el.getAttribute("type")).toLowerCase(Locale.ROOT);
                yield t.equals("reset") || t.equals("button") ? t : "submit";
            }
            default -> el instanceof HTMLInputElement in ? String.valueOf(in.getType()).toLowerCase(Locale.ROOT) : "text";
        };
        return new FieldRules.Field(type, el.getAttribute("name"), el.getAttribute("id"), el.getAttribute("autocomplete"));
    }
}
