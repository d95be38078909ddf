package io.captivewatch;

import io.captivewatch.core.i18n.Languages;
import io.captivewatch.core.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The login-window child's command line ({@code --lang xx --login-window}) reaches the child's words. */
class MainLanguageTest {
    private final String before = System.getProperty(Languages.PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty(Languages.PROPERTY);
        else System.setProperty(Languages.PROPERTY, before);
        Messages.use(Messages.english());
    }

    @Test
    void theLoginWindowArgumentsSpeakTheirLanguage() {
        String[] rest = Main.language(new String[] {"--lang", "ar", io.captivewatch.desktop.login.LoginWindowMain.ARGUMENT});
        assertThat(rest).containsExactly(io.captivewatch.desktop.login.LoginWindowMain.ARGUMENT);
        assertThat(Messages.current().locale()).isEqualTo(Locale.forLanguageTag("ar"));
        assertThat(System.getProperty(Languages.PROPERTY)).isEqualTo("ar");
    }
}
