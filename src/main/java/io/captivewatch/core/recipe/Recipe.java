package io.captivewatch.core.recipe;

import java.util.List;
import java.util.Objects;

/**
 * How to sign in again by itself on one network (issue #20): the forms the user submitted, in order, and what
 * they set in them. Never a secret: no value of a hidden field (tokens come from the fresh page at each replay),
 * no value of a sensitive field ({@link FieldRules}: a page with one gets no recipe at all), no cookie.
 *
 * @param steps the submissions, in order (1..{@link #MAX_STEPS})
 */
public record Recipe(List<Step> steps) {
    public static final int MAX_STEPS = 6;

    public Recipe {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
        if (steps.isEmpty() || steps.size() > MAX_STEPS) throw new IllegalArgumentException("1.." + MAX_STEPS + " steps");
    }

    /**
     * One form submission.
     *
     * @param action    where the form sends, relative to its page: the path when on the page's own host
     *                  ({@code /opennds_preauth/}), else scheme, host, port and path; never a query (it may hold a token)
     * @param method    {@code get} or {@code post}
     * @param fields    every named control of the form as {@code name (type)}, sorted: a control that appears,
     *                  goes or changes type makes the replay stop
     * @param choices   what the user set: boxes ticked or unticked, options chosen, plain text typed in a
     *                  non-sensitive field
     * @param submitter the name of the button that submitted the form (its value comes from the page), or null
     */
    public record Step(String action, String method, List<String> fields, List<Choice> choices, String submitter) {
        public Step {
            Objects.requireNonNull(action, "action");
            method = "post".equalsIgnoreCase(method) ? "post" : "get";
            fields = fields == null ? List.of() : List.copyOf(fields);
            choices = choices == null ? List.of() : List.copyOf(choices);
            if (submitter != null && submitter.isEmpty()) submitter = null;
        }
    }

    /**
     * One thing the user set. {@code on}: a box ticked (or an option/radio chosen, or text typed: then
     * {@code value} is the text); off: a box the page had ticked was unticked.
     */
    public record Choice(String name, String value, boolean on) {
        public Choice {
            Objects.requireNonNull(name, "name");
            value = value == null ? "" : value;
        }
    }

    /** The label of a control in {@link Step#fields()}. */
    static String field(String name, String type) {
        return name + " (" + type + ")";
    }
}
