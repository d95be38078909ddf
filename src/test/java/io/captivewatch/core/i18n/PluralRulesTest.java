package io.captivewatch.core.i18n;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import static io.captivewatch.core.i18n.PluralRules.Category.*;
import static org.assertj.core.api.Assertions.assertThat;

/** CLDR's integer samples for each shipped language, and the formatting built on them. */
class PluralRulesTest {
    static PluralRules.Category c(String lang, long n) {
        return PluralRules.select(Locale.forLanguageTag(lang), n);
    }

    @Test
    void russian() {
        for (long n : new long[] {1, 21, 31, 101, 1001}) assertThat(c("ru", n)).as("" + n).isEqualTo(ONE);
        for (long n : new long[] {2, 3, 4, 22, 24, 102}) assertThat(c("ru", n)).as("" + n).isEqualTo(FEW);
        for (long n : new long[] {0, 5, 11, 12, 14, 19, 20, 100, 111, 112}) assertThat(c("ru", n)).as("" + n).isEqualTo(MANY);
    }

    @Test
    void arabic() {
        assertThat(c("ar", 0)).isEqualTo(ZERO);
        assertThat(c("ar", 1)).isEqualTo(ONE);
        assertThat(c("ar", 2)).isEqualTo(TWO);
        for (long n : new long[] {3, 10, 103, 110, 1003}) assertThat(c("ar", n)).as("" + n).isEqualTo(FEW);
        for (long n : new long[] {11, 26, 99, 111, 1011}) assertThat(c("ar", n)).as("" + n).isEqualTo(MANY);
        for (long n : new long[] {100, 101, 102, 200, 1000}) assertThat(c("ar", n)).as("" + n).isEqualTo(OTHER);
    }

    @Test
    void westernAndCjk() {
        assertThat(c("en", 1)).isEqualTo(ONE);
        assertThat(c("en", 0)).isEqualTo(OTHER);
        assertThat(c("de", 1)).isEqualTo(ONE);
        assertThat(c("fr", 0)).isEqualTo(ONE);
        assertThat(c("fr", 1_000_000)).isEqualTo(MANY);
        assertThat(c("es", 0)).isEqualTo(OTHER);
        assertThat(c("pt", 0)).isEqualTo(ONE);
        assertThat(c("ja", 1)).isEqualTo(OTHER);
        assertThat(c("zh", 1)).isEqualTo(OTHER);
        assertThat(PluralRules.categories(Locale.forLanguageTag("ar"))).containsExactlyInAnyOrder(ZERO, ONE, TWO, FEW, MANY, OTHER);
        assertThat(PluralRules.categories(Locale.forLanguageTag("ru"))).containsExactlyInAnyOrder(ONE, FEW, MANY, OTHER);
    }

    @Test
    void countedWordsAndUnitsFollowTheLanguage() {
        Messages ru = Messages.of(Locale.forLanguageTag("ru"));
        assertThat(ru.duration(21 * 60)).isEqualTo("21 минута");
        assertThat(ru.duration(3 * 60)).isEqualTo("3 минуты");
        assertThat(ru.duration(11 * 60)).isEqualTo("11 минут");
        assertThat(ru.duration(65 * 60)).isEqualTo("1 час 5 минут");
        assertThat(ru.bytes(1_500_000_000L)).isEqualTo("1,5 ГБ");
        Messages ar = Messages.of(Locale.forLanguageTag("ar"));
        assertThat(ar.duration(2 * 60)).isEqualTo("دقيقتان");
        Messages en = Messages.of(Locale.ENGLISH);
        assertThat(en.duration(30)).isEqualTo("under 1 min");
        assertThat(en.bytes(1)).isEqualTo("1 byte");
        assertThat(en.bytes(1_234_567_890L)).isEqualTo("1.2 GB");
        assertThat(Messages.of(Locale.GERMAN).bytes(1_500_000_000L)).isEqualTo("1,5 GB");
        assertThat(Messages.of(Locale.GERMAN).time(Instant.parse("2024-01-01T14:03:12Z"), ZoneOffset.UTC)).isEqualTo("14:03:12");
    }

    @Test
    void languageComesFromOptionThenSettingThenPosixVariablesThenJvm() {
        Locale jvm = Locale.FRANCE;
        assertThat(Languages.resolve("ru", "de", Map.of("LANG", "ja_JP.UTF-8"), jvm)).isEqualTo(Locale.forLanguageTag("ru"));
        assertThat(Languages.resolve(null, "de", Map.of("LANG", "ja_JP.UTF-8"), jvm)).isEqualTo(Locale.GERMAN);
        assertThat(Languages.resolve(null, "", Map.of("LANG", "ja_JP.UTF-8"), jvm)).isEqualTo(Locale.JAPANESE);
        assertThat(Languages.resolve(null, "", Map.of("LANG", "en_US.UTF-8", "LC_MESSAGES", "ru_RU.UTF-8"), jvm))
                .isEqualTo(Locale.forLanguageTag("ru"));
        assertThat(Languages.resolve(null, "", Map.of("LANG", "ru_RU.UTF-8", "LC_ALL", "ar_EG.UTF-8"), jvm))
                .isEqualTo(Locale.forLanguageTag("ar"));
        assertThat(Languages.resolve(null, "", Map.of("LANG", "de_DE.UTF-8", "LANGUAGE", "xx:ja:de"), jvm)).isEqualTo(Locale.JAPANESE);
        assertThat(Languages.resolve(null, "", Map.of("LANG", "C.UTF-8", "LANGUAGE", "ja"), Locale.GERMANY)).isEqualTo(Locale.GERMAN);
        assertThat(Languages.resolve(null, "system", Map.of(), Locale.US)).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.resolve(null, null, Map.of("LANG", "sw_KE"), Locale.JAPAN)).isEqualTo(Locale.JAPANESE);
        assertThat(Languages.posix("ru_RU.UTF-8@euro")).contains(Locale.forLanguageTag("ru-RU"));
        assertThat(Languages.parse("qps")).contains(Languages.PSEUDO);
    }

    @Test
    void portugueseIsBrazilsAndChineseIsSimplified() {
        Locale ptBR = Locale.forLanguageTag("pt-BR"), zhCN = Locale.forLanguageTag("zh-CN");
        assertThat(Languages.parse("pt")).contains(ptBR);
        assertThat(Languages.parse("pt_PT")).contains(ptBR);
        assertThat(Languages.resolve(null, null, Map.of("LANG", "pt_BR.UTF-8"), Locale.US)).isEqualTo(ptBR);
        assertThat(Languages.parse("zh")).contains(zhCN);
        assertThat(Languages.parse("zh-Hans-CN")).contains(zhCN);
        assertThat(Languages.resolve(null, null, Map.of("LANG", "zh_CN.UTF-8"), Locale.US)).isEqualTo(zhCN);
        // the files are messages_pt_BR and messages_zh_CN, found by the locale's own name
        assertThat(Messages.of(Locale.forLanguageTag("pt")).get("login.title")).isEqualTo("Fazer login na rede");
        assertThat(Messages.of(Locale.forLanguageTag("zh")).get("login.title")).isEqualTo("登录到网络");
        assertThat(Messages.of(Locale.forLanguageTag("zh")).duration(65 * 60)).isEqualTo("1 小时 5 分钟");
        assertThat(Messages.of(Locale.FRENCH).plural("size.bytes", 0)).isEqualTo("0 octet");
        assertThat(Messages.of(Locale.FRENCH).plural("size.bytes", 1_000_000)).isEqualTo(Messages.of(Locale.FRENCH).number(1_000_000) + " d'octets"); // 1 000 000, narrow no-break spaces
        assertThat(Messages.of(Locale.forLanguageTag("es")).plural("size.bytes", 0)).isEqualTo("0 bytes");
        assertThat(Languages.nativeName(zhCN)).isEqualTo("中文 (简体)");
        assertThat(Languages.nativeName(ptBR)).isEqualTo("Português (Brasil)");
    }
}
