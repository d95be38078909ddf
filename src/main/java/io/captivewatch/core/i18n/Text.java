package io.captivewatch.core.i18n;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A sentence not yet worded: a bundle key and its arguments, rendered in a language when it is shown
 * ({@link #render}). Arguments are data, shown as they are and never translated (URLs, host names, server
 * addresses, status codes, what the portal sent; give them as {@code String}s so that no digit grouping creeps in),
 * or nested {@code Text}s, rendered in the same language. A counted message ({@link #plural}) picks its
 * {@code key.<category>} as {@link Messages#plural} does. {@link #data} is a string shown as it is, and
 * {@link #sentences} puts sentences one after the other.
 *
 * <p>Immutable. {@link #english()} is what JSON reports, logs and the advice's facts read; equality is by that
 * structure (key, arguments, parts), not by any rendering.
 */
public final class Text {
    private final String key;        // null: data or sentences
    private final Object[] args;     // String/Number data or Text
    private final boolean counted;   // args[0] is the count
    private final String data;       // non-null: shown as it is
    private final List<Text> parts;  // non-null: sentences, or a list when sep is set
    private final String sep;        // the key of a list's separator; null: sentences
    private volatile String english;

    private Text(String key, Object[] args, boolean counted, String data, List<Text> parts) {
        this(key, args, counted, data, parts, null);
    }

    private Text(String key, Object[] args, boolean counted, String data, List<Text> parts, String sep) {
        this.key = key;
        this.args = args;
        this.counted = counted;
        this.data = data;
        this.parts = parts;
        this.sep = sep;
    }

    /** The message {@code key} with {@code args} ({@code String}, {@code Number} or {@code Text}). */
    public static Text of(String key, Object... args) {
        return new Text(Objects.requireNonNull(key), checked(args), false, null, null);
    }

    /** The counted message {@code key.<category>} for {@code n}: {0} = n, {1}, ... = {@code args}. */
    public static Text plural(String key, long n, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = n;
        System.arraycopy(checked(args), 0, all, 1, args.length);
        return new Text(Objects.requireNonNull(key), all, true, null, null);
    }

    /** A string shown as it is in every language (what a server or a portal said, or older English text). */
    public static Text data(String s) {
        return new Text(null, new Object[0], false, Objects.requireNonNull(s), null);
    }

    /** Sentences one after the other (a space between them; none in Chinese and Japanese). Empty parts are skipped. */
    public static Text sentences(List<Text> parts) {
        List<Text> kept = new ArrayList<>();
        for (Text t : parts) {
            if (t == null || t.isEmpty()) continue;
            if (t.parts != null && t.sep == null) kept.addAll(t.parts);
            else kept.add(t);
        }
        return kept.size() == 1 ? kept.get(0) : new Text(null, new Object[0], false, null, List.copyOf(kept));
    }

    /** As {@link #sentences(List)}. */
    public static Text sentences(Text... parts) {
        return sentences(Arrays.asList(parts));
    }

    /** {@code items} one after the other with the message {@code separatorKey} between them ("; ", "、"). */
    public static Text joined(String separatorKey, List<Text> items) {
        return new Text(null, new Object[0], false, null, List.copyOf(items), Objects.requireNonNull(separatorKey));
    }

    /** This text followed by {@code more} as further sentences. */
    public Text then(Text... more) {
        List<Text> all = new ArrayList<>();
        all.add(this);
        all.addAll(Arrays.asList(more));
        return sentences(all);
    }

    private static Object[] checked(Object[] args) {
        for (Object a : args) {
            if (!(a instanceof String || a instanceof Number || a instanceof Text)) {
                throw new IllegalArgumentException("a Text argument is a String, a Number or a Text: " + a);
            }
        }
        return args.clone();
    }

    private boolean isEmpty() {
        return data != null ? data.isEmpty() : parts != null && parts.isEmpty();
    }

    /** The bundle key, if this is a message (not data or sentences). */
    public String key() {
        return key;
    }

    /** This text in {@code m}'s language. */
    public String render(Messages m) {
        if (data != null) return data;
        if (parts != null) {
            if (parts.isEmpty()) return "";
            String lang = m.locale().getLanguage();
            String gap = sep != null ? m.get(sep) : lang.equals("ja") || lang.equals("zh") ? "" : " ";
            StringBuilder sb = new StringBuilder();
            for (Text t : parts) {
                if (sb.length() > 0) sb.append(gap);
                sb.append(t.render(m));
            }
            return sb.toString();
        }
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) shown[i] = args[i] instanceof Text t ? t.render(m) : args[i];
        if (!counted) return m.get(key, shown);
        return m.plural(key, ((Number) shown[0]).longValue(), Arrays.copyOfRange(shown, 1, shown.length));
    }

    /** In English: what JSON reports, logs and the advice's facts carry. */
    public String english() {
        String e = english;
        if (e == null) english = e = render(Messages.english());
        return e;
    }

    /** Each of {@code texts} in {@code m}'s language. */
    public static List<String> render(List<Text> texts, Messages m) {
        return texts.stream().map(t -> t.render(m)).toList();
    }

    /** The English rendering. */
    @Override
    public String toString() {
        return english();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Text t && Objects.equals(key, t.key) && counted == t.counted && Arrays.deepEquals(args, t.args)
                && Objects.equals(data, t.data) && Objects.equals(parts, t.parts) && Objects.equals(sep, t.sep);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, counted, Arrays.deepHashCode(args), data, parts, sep);
    }
}
