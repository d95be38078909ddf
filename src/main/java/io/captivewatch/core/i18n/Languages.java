package io.captivewatch.core.i18n;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The shipped languages and which one to speak: {@code --lang} (or {@code -Dcaptivewatch.lang}), else the
 * Settings choice, else the OS's (on Linux and the BSDs {@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG} and
 * {@code LANGUAGE}, read here because the JVM takes {@code LANG} only when that glibc locale is installed;
 * on Windows and macOS the JVM's default locale), else English.
 */
public final class Languages {
    /** The system property that carries the choice, also to the login-window process. */
    public static final String PROPERTY = "captivewatch.lang";
    /** The pseudo-locale (every message wrapped in ⟦…⟧) for finding strings that bypass the bundles. */
    public static final Locale PSEUDO = Locale.forLanguageTag("qps");
    /** Shipped languages, in the order the language chooser lists them. Adding one: README "Languages". */
    public static final List<Locale> SHIPPED = List.of(Locale.ENGLISH, Locale.forLanguageTag("ar"), Locale.GERMAN,
            Locale.forLanguageTag("es"), Locale.FRENCH, Locale.JAPANESE, Locale.forLanguageTag("pt-BR"), Locale.forLanguageTag("ru"),
            Locale.forLanguageTag("zh-CN"));

    private Languages() {}

    /** The language to speak, from the first of these that names one (see the class comment). */
    public static Locale resolve(String option, String setting, Map<String, String> env, Locale jvmDefault) {
        for (String s : new String[] {option, setting}) {
            Optional<Locale> l = parse(s);
            if (l.isPresent()) return l.get();
        }
        return fromEnvironment(env).or(() -> supported(jvmDefault)).orElse(Locale.ENGLISH);
    }

    /**
     * A language tag ({@code ru}, {@code pt-BR}, {@code pt_BR}, {@code qps}) as a shipped language; empty for
     * blank, "system" or a language not shipped.
     */
    public static Optional<Locale> parse(String tag) {
        if (tag == null || tag.isBlank() || tag.trim().equalsIgnoreCase("system")) return Optional.empty();
        Locale l = Locale.forLanguageTag(tag.trim().replace('_', '-'));
        if (l.getLanguage().equals(PSEUDO.getLanguage())) return Optional.of(PSEUDO);
        return supported(l);
    }

    /** What the POSIX locale variables ask for, in glibc's order; LANGUAGE (a list) counts only when the locale is not C. */
    static Optional<Locale> fromEnvironment(Map<String, String> env) {
        String locale = null;
        for (String v : new String[] {"LC_ALL", "LC_MESSAGES", "LANG"}) {
            String s = env.get(v);
            if (s != null && !s.isBlank()) {
                locale = s;
                break;
            }
        }
        if (locale == null || isC(locale)) return Optional.empty();
        String language = env.get("LANGUAGE");
        if (language != null) {
            for (String part : language.split(":")) {
                Optional<Locale> l = posix(part).flatMap(Languages::supported);
                if (l.isPresent()) return l;
            }
        }
        return posix(locale).flatMap(Languages::supported);
    }

    /** "ru_RU.UTF-8@euro" -> ru-RU; "C", "POSIX" and blanks -> empty. */
    static Optional<Locale> posix(String value) {
        if (value == null || value.isBlank() || isC(value)) return Optional.empty();
        String s = value.trim();
        int cut = s.length();
        for (char c : new char[] {'.', '@'}) if (s.indexOf(c) >= 0) cut = Math.min(cut, s.indexOf(c));
        s = s.substring(0, cut).replace('_', '-');
        Locale l = Locale.forLanguageTag(s);
        return l.getLanguage().isEmpty() ? Optional.empty() : Optional.of(l);
    }

    private static boolean isC(String s) {
        String t = s.trim();
        return t.equals("C") || t.startsWith("C.") || t.equals("POSIX");
    }

    /** The shipped language closest to {@code l}: same language (Portuguese is Brazil's, Chinese simplified); else empty. */
    public static Optional<Locale> supported(Locale l) {
        if (l == null) return Optional.empty();
        String lang = l.getLanguage();
        return switch (lang) {
            default -> SHIPPED.stream().filter(s -> s.getLanguage().equals(lang)).findFirst();
        };
    }

    /** The language's own name for the chooser ("Deutsch", "русский" -> "Русский", "日本語", "中文 (简体)"). */
    public static String nativeName(Locale l) {
        // Chinese is named by its script, as Android and Windows do, not by the country ("中文 (中国)")
        Locale named = l.getLanguage().equals("zh") && !"TW".equals(l.getCountry()) ? Locale.forLanguageTag("zh-Hans") : l;
        String n = named.getDisplayName(l);
        return n.isEmpty() ? l.toLanguageTag() : n.substring(0, 1).toUpperCase(l) + n.substring(1);
    }

    /** Whether the language is written right to left (Arabic, Hebrew, Persian, Urdu). */
    public static boolean rightToLeft(Locale l) {
        return List.of("ar", "he", "iw", "fa", "ur").contains(l.getLanguage());
    }
}
