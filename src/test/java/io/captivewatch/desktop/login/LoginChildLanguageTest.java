package io.captivewatch.desktop.login;

import io.captivewatch.core.i18n.Languages;
import io.captivewatch.core.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The login-window process speaks the app's language, started through java or through the jpackage launcher. */
class LoginChildLanguageTest {
    @AfterEach
    void english() {
        Messages.use(Messages.english());
    }

    @Test
    void theJavaCommandPassesTheLanguage() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = LoginWindowProcess.command(java, null, Locale.forLanguageTag("ru"));
        assertThat(cmd.get(0)).isEqualTo(java.toString());
        assertThat(cmd.subList(cmd.size() - 3, cmd.size())).containsExactly("--lang", "ru", LoginWindowMain.ARGUMENT);
    }

    @Test
    void theLauncherCommandPassesTheLanguageAsAnArgument(@TempDir Path dir) throws Exception {
        // a runtime without bin/java (jpackage's): the launcher takes arguments, not -D properties
        Path launcher = Files.createFile(dir.resolve("CaptiveWatch"));
        launcher.toFile().setExecutable(true);
        List<String> cmd = LoginWindowProcess.command(dir.resolve("no-java"), launcher.toString(), Locale.forLanguageTag("ar"));
        assertThat(cmd).containsExactly(launcher.toString(), "--lang", "ar", LoginWindowMain.ARGUMENT);
        assertThat(LoginWindowProcess.command(dir.resolve("no-java"), launcher.toString(), Languages.PSEUDO))
                .containsSubsequence("--lang", "qps");
    }

    @Test
    void theCommandForThisJvmSpeaksTheCurrentLanguage() {
        Messages.use(Messages.of(Locale.JAPANESE));
        assertThat(LoginWindowProcess.commandForThisJvm()).containsSubsequence("--lang", "ja", LoginWindowMain.ARGUMENT);
    }

    @Test
    void theChildSpeaksTheLanguageOfItsProperty() {
        LoginWindowMain.speak("de");
        assertThat(Messages.current().locale()).isEqualTo(Locale.GERMAN);
        LoginWindowMain.speak("system"); // nothing shipped: the language Main chose stays
        assertThat(Messages.current().locale()).isEqualTo(Locale.GERMAN);
    }
}
