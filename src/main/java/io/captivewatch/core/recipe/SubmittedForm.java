package io.captivewatch.core.recipe;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the login window saw when the user submitted a form (issue #20): where the form was, where it sends,
 * how, its fields (name, type, id, autocomplete) and the value of each field the user changed, if that field
 * is neither hidden nor sensitive ({@link FieldRules}); plus whether the page had any sensitive field at all.
 * It travels from the login process to the tray as one line of JSON ({@code LoginProtocol}'s {@code form}
 * message), so it is bounded and re-checked on arrival: the page and its scripts could have shaped it.
 *
 * @param page      the page's URL without its query (a token may be there; the action is resolved against the path)
 * @param action    the form's {@code action} attribute as written (empty: the page itself)
 * @param method    the form's method ({@code get} or {@code post})
 * @param enctype   the form's encoding ({@code application/x-www-form-urlencoded} unless set)
 * @param fields    the form's controls with a name, in document order
 * @param submitter the named button that submitted it, if any
 * @param sensitive why the page had a sensitive field, or null
 */
public record SubmittedForm(String page, String action, String method, String enctype, List<Field> fields,
                            Field submitter, String sensitive) {
    /** At most this many fields are kept per form; a form with more is refused by the recorder. */
    public static final int MAX_FIELDS = 64;
    /** Longest name or value kept. */
    public static final int MAX_TEXT = 256;
    /** Longest JSON line accepted. */
    public static final int MAX_JSON = 32 * 1024;

    /**
     * One control. {@code value} is null unless the user changed it (typed, ticked, chose) and it is neither
     * hidden nor sensitive; {@code changed} says whether the user changed it at all.
     */
    public record Field(String name, String type, String id, String autocomplete, String value, boolean changed, boolean checked) {
        public Field {
            name = clip(name);
            type = type == null || type.isBlank() ? "text" : clip(type.strip().toLowerCase(java.util.Locale.ROOT));
            id = clip(id);
            autocomplete = clip(autocomplete);
            value = value == null ? null : clip(value);
        }

        FieldRules.Field rules() {
            return new FieldRules.Field(type, name, id, autocomplete);
        }
    }

    public SubmittedForm {
        page = page == null ? "" : page.replaceFirst("[?#].*$", ""); // a query may hold a token: only the path is needed
        action = action == null ? "" : action;
        method = method == null || method.isBlank() ? "get" : method.strip().toLowerCase(java.util.Locale.ROOT);
        enctype = enctype == null || enctype.isBlank() ? "application/x-www-form-urlencoded" : enctype.strip().toLowerCase(java.util.Locale.ROOT);
        fields = fields == null ? List.of() : List.copyOf(fields.stream().filter(f -> f != null).limit(MAX_FIELDS + 1).toList());
        if (sensitive != null) sensitive = clip(sensitive);
    }

    private static String clip(String s) {
        if (s == null) return "";
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }

    private static final Gson GSON = new GsonBuilder().setStrictness(Strictness.STRICT).disableHtmlEscaping().create();

    /** One line of JSON. */
    public String toJson() {
        return GSON.toJson(this);
    }

    /** Parses a line from the login process; empty when it is not a well-formed, bounded report. */
    public static Optional<SubmittedForm> fromJson(String json) {
        if (json == null || json.length() > MAX_JSON) return Optional.empty();
        try {
            SubmittedForm f = GSON.fromJson(json, SubmittedForm.class);
            if (f == null) return Optional.empty();
            // through the canonical constructor, so every bound above applies
            List<Field> fs = new ArrayList<>();
            if (f.fields() != null) {
                for (Field x : f.fields()) {
                    if (x != null) fs.add(new Field(x.name(), x.type(), x.id(), x.autocomplete(), x.value(), x.changed(), x.checked()));
                }
            }
            Field s = f.submitter() == null ? null : new Field(f.submitter().name(), f.submitter().type(), f.submitter().id(),
                    f.submitter().autocomplete(), f.submitter().value(), false, false);
            return Optional.of(new SubmittedForm(f.page(), f.action(), f.method(), f.enctype(), fs, s, f.sensitive()));
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
