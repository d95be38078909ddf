package io.captivewatch.core.i18n;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * CLDR plural categories for whole numbers in the shipped languages (CLDR 44 "plurals.xml", integer
 * operands only: CaptiveWatch counts minutes, hours and bytes, never fractions). Written out here instead of
 * pulling in ICU4J (~14 MB) for a desktop app that ships nine languages; {@code PluralRulesTest} checks each
 * rule against CLDR's own sample numbers.
 */
public final class PluralRules {
    /** The CLDR categories. */
    public enum Category {
        ZERO, ONE, TWO, FEW, MANY, OTHER;

        /** The suffix used in bundle keys: {@code zero}, {@code one}, ... */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private PluralRules() {}

    /** The category of the whole number {@code n} (its absolute value) in {@code locale}'s language. */
    public static Category select(Locale locale, long n) {
        long i = Math.abs(n);
        return switch (locale.getLanguage()) {
            // one: i = 1 and v = 0
            case "en", "de" -> i == 1 ? Category.ONE : Category.OTHER;
            // one: i = 0,1; many: e = 0 and i != 0 and i % 1000000 = 0 and v = 0 ("1 000 000 de fichiers")
            case "fr" -> i <= 1 ? Category.ONE : millions(i) ? Category.MANY : Category.OTHER;
            // pt (Brazil): one: i = 0..1; many as fr
            case "pt" -> i <= 1 ? Category.ONE : millions(i) ? Category.MANY : Category.OTHER;
            // es: one: n = 1; many as fr
            case "es" -> i == 1 ? Category.ONE : millions(i) ? Category.MANY : Category.OTHER;
            // ru: one: v = 0 and i % 10 = 1 and i % 100 != 11; few: v = 0 and i % 10 = 2..4 and i % 100 != 12..14;
            //     many: v = 0 and (i % 10 = 0 or i % 10 = 5..9 or i % 100 = 11..14); other: fractions
            case "ru" -> {
                long d = i % 10, h = i % 100;
                if (d == 1 && h != 11) yield Category.ONE;
                if (d >= 2 && d <= 4 && (h < 12 || h > 14)) yield Category.FEW;
                yield Category.MANY;
            }
            // ar: zero: n = 0; one: n = 1; two: n = 2; few: n % 100 = 3..10; many: n % 100 = 11..99; other
            case "ar" -> {
                long h = i % 100;
                if (i == 0) yield Category.ZERO;
                if (i == 1) yield Category.ONE;
                if (i == 2) yield Category.TWO;
                if (h >= 3 && h <= 10) yield Category.FEW;
                if (h >= 11) yield Category.MANY;
                yield Category.OTHER;
            }
            // zh, ja: other only
            case "zh", "ja" -> Category.OTHER;
            default -> i == 1 ? Category.ONE : Category.OTHER; // English rules for anything else (the pseudo-locale)
        };
    }

    /** The categories a whole number can fall in for this language (what a bundle must spell out), OTHER always included. */
    public static Set<Category> categories(Locale locale) {
        Set<Category> out = EnumSet.of(Category.OTHER);
        for (long n = 0; n <= 2_000_000; n = n < 1000 ? n + 1 : n + 1_000_000 - (n % 1_000_000)) out.add(select(locale, n));
        return out;
    }

    private static boolean millions(long i) {
        return i != 0 && i % 1_000_000 == 0;
    }
}
