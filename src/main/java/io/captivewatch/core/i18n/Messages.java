package io.captivewatch.core.i18n;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Every word CaptiveWatch shows people, from the {@code messages*.properties} bundles beside this class (UTF-8).
 * Patterns are {@link MessageFormat}s whose apostrophes are plain text (the translator never doubles them);
 * counted words live under {@code key.zero/one/two/few/many/other} and are picked by {@link PluralRules}.
 * JSON field names, verdict ids, exit codes and log lines stay English and never come from here.
 *
 * <p>The process speaks one language, {@link #current()}, set once at start ({@code Main}, {@code DesktopApp});
 * until then it is English, which keeps tests independent of the machine's locale.
 */
public final class Messages {
    static final String BUNDLE = "io.captivewatch.core.i18n.messages";
    /** Marks around every pseudo-locale message. */
    public static final String PSEUDO_OPEN = "\u27E6", PSEUDO_CLOSE = "\u27E7";

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Messages ENGLISH = of(Locale.ENGLISH);
    private static volatile Messages current = ENGLISH;

    private final Locale locale;
    private final ResourceBundle bundle;
    private final boolean pseudo;

    private Messages(Locale locale, ResourceBundle bundle, boolean pseudo) {
        this.locale = locale;
        this.bundle = bundle;
        this.pseudo = pseudo;
    }

    /** The messages for a shipped language (or {@link Languages#PSEUDO}); anything else gets the closest or English. */
    public static Messages of(Locale requested) {
        if (requested != null && requested.getLanguage().equals(Languages.PSEUDO.getLanguage())) {
            return new Messages(Languages.PSEUDO, load(Locale.ROOT), true);
        }
        Locale l = Languages.supported(requested).orElse(Locale.ENGLISH);
        return new Messages(l, load(l), false);
    }

    private static ResourceBundle load(Locale l) {
        return ResourceBundle.getBundle(BUNDLE, l.equals(Locale.ENGLISH) ? Locale.ROOT : l, Messages.class.getClassLoader(), NO_FALLBACK);
    }

    /** The language this process speaks. */
    public static Messages current() {
        return current;
    }

    /** English: what JSON reports carry whatever the user's language. */
    public static Messages english() {
        return ENGLISH;
    }

    /** Sets the process's language (at start). */
    public static void use(Messages m) {
        current = Objects.requireNonNull(m);
    }

    /** Shorthand for {@code current().get(key, args)}. */
    public static String t(String key, Object... args) {
        return current.get(key, args);
    }

    public Locale locale() {
        return locale;
    }

    /** Whether windows should be mirrored (right-to-left script). */
    public boolean rightToLeft() {
        return Languages.rightToLeft(locale);
    }

    /** The message {@code key} with {@code args} filled in ({0}, {1}, ...; numbers formatted for the language). */
    public String get(String key, Object... args) {
        return format(pattern(key), args);
    }

    /** Whether the bundle has {@code key} (the English one backs every language). */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /**
     * A counted message: {@code key.<category>} for {@code n} in this language (falling back to {@code key.other}),
     * with {0} = n and {1}, {2}, ... = {@code args}.
     */
    public String plural(String key, long n, Object... args) {
        String k = key + "." + PluralRules.select(locale, n).key();
        Object[] all = new Object[args.length + 1];
        all[0] = n;
        System.arraycopy(args, 0, all, 1, args.length);
        return format(pattern(bundle.containsKey(k) ? k : key + ".other"), all);
    }

    private String pattern(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new MissingResourceException("no message '" + key + "' for " + locale, BUNDLE, key);
        }
    }

    private String format(String pattern, Object[] args) {
        String s = args.length == 0 && !pattern.contains("{") ? pattern
                : new MessageFormat(pattern.replace("'", "''"), formatLocale()).format(args);
        return pseudo ? PSEUDO_OPEN + s + PSEUDO_CLOSE : s;
    }

    private Locale formatLocale() {
        return pseudo ? Locale.ENGLISH : locale;
    }

    /** A whole number for the language ("1 234", "1.234", "1,234"). */
    public String number(long n) {
        return NumberFormat.getIntegerInstance(formatLocale()).format(n);
    }

    /** A clock time in the language's short form with seconds ("14:03:12", "2:03:12 PM"). */
    public String time(Instant t, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(formatLocale()).format(t.atZone(zone));
    }

    /** A positive number of seconds for people: "under 1 min", "42 min", "1 h 5 min" in this language. */
    public String duration(long seconds) {
        if (seconds < 60) return get("duration.underMinute");
        long min = seconds / 60;
        if (min < 60) return plural("duration.minutes", min);
        String hours = plural("duration.hours", min / 60);
        return min % 60 == 0 ? hours : get("duration.hoursMinutes", hours, plural("duration.minutes", min % 60));
    }

    /** A data size in decimal units, rounded down: "120 MB", "1.5 GB", "900 kB", "12 bytes" in this language. */
    public String bytes(long n) {
        if (n >= 1_000_000_000L) {
            NumberFormat f = NumberFormat.getNumberInstance(formatLocale());
            f.setMaximumFractionDigits(1);
            f.setMinimumFractionDigits(1);
            return get("size.GB", f.format(Math.floor(n / 100_000_000.0) / 10));
        }
        if (n >= 1_000_000L) return get("size.MB", number(n / 1_000_000L));
        if (n >= 1_000L) return get("size.kB", number(n / 1_000L));
        return plural("size.bytes", n);
    }
}
