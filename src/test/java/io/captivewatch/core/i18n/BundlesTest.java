package io.captivewatch.core.i18n;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped bundle has exactly the English keys, with the same {n} placeholders, and each counted message
 * (key.one/key.other/...) has every plural category its language can produce. A new language: copy
 * messages.properties to messages_xx.properties, translate, add the locale to Languages.SHIPPED; this test tells
 * what is missing.
 */
class BundlesTest {
    private static final Pattern PLURAL = Pattern.compile("(.+)\\.(zero|one|two|few|many|other)$");
    private static final Pattern ARG = Pattern.compile("\\{(\\d+)}");

    static Stream<Locale> translations() {
        return Languages.SHIPPED.stream().filter(l -> !l.equals(Locale.ENGLISH));
    }

    static Properties load(Locale l) throws IOException {
        String name = l.equals(Locale.ENGLISH) ? "messages.properties" : "messages_" + l.toString() + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
            assertThat(in).as(name + " is in the build").isNotNull();
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    /** Keys with the plural suffix cut off (counted messages compared as one). */
    static Set<String> messageKeys(Properties p) {
        Set<String> out = new TreeSet<>();
        for (String k : p.stringPropertyNames()) {
            Matcher m = PLURAL.matcher(k);
            out.add(m.matches() ? m.group(1) + ".#" : k);
        }
        return out;
    }

    static Set<String> args(String s) {
        Set<String> out = new TreeSet<>();
        Matcher m = ARG.matcher(s);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @ParameterizedTest
    @MethodSource("translations")
    void sameKeysAsEnglish(Locale l) throws IOException {
        assertThat(messageKeys(load(l))).as(l + " keys").isEqualTo(messageKeys(load(Locale.ENGLISH)));
    }

    @ParameterizedTest
    @MethodSource("translations")
    void samePlaceholdersAsEnglish(Locale l) throws IOException {
        Properties en = load(Locale.ENGLISH), tr = load(l);
        for (String k : tr.stringPropertyNames()) {
            Matcher m = PLURAL.matcher(k);
            String enKey = en.containsKey(k) ? k : m.matches() ? m.group(1) + ".other" : k;
            Set<String> want = args(en.getProperty(enKey, ""));
            Set<String> got = args(tr.getProperty(k));
            if (m.matches()) { // a counted form may leave the count itself out ("une minute")
                want.remove("0");
                got.remove("0");
            }
            assertThat(got).as(l + " " + k + ": " + tr.getProperty(k)).isEqualTo(want);
        }
    }

    @ParameterizedTest
    @MethodSource("translations")
    void countedMessagesHaveTheLanguagesCategories(Locale l) throws IOException {
        Properties p = load(l);
        for (String k : messageKeys(p)) {
            if (!k.endsWith(".#")) continue;
            String base = k.substring(0, k.length() - 2);
            for (PluralRules.Category c : PluralRules.categories(l)) {
                assertThat(p.getProperty(base + "." + c.key())).as(l + " " + base + "." + c.key()).isNotNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("translations")
    void everyMessageFormats(Locale l) throws IOException {
        Messages m = Messages.of(l);
        assertThat(m.locale()).isEqualTo(l);
        for (String k : load(l).stringPropertyNames()) {
            assertThat(m.get(k, "a", "b", "c", "d", "e")).as(l + " " + k).isNotBlank().doesNotContain("{");
        }
    }
}
