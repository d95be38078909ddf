package io.captivewatch.desktop.tray;

import io.captivewatch.core.classify.Verdict;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The status window's session line and the "Sign in again" action of a session notification. */
@ExtendWith(ApplicationExtension.class)
class StatusWindowTraySessionTest {
    StatusWindowTray tray;

    @Start
    void start(Stage ignored) {
    }

    @AfterEach
    void close() {
        if (tray != null) tray.close();
        WaitForAsyncUtils.waitForFxEvents();
    }

    static TrayStatus online(Instant sessionEnds) {
        return new TrayStatus(Optional.of(Verdict.ONLINE), "HotelGuest", Instant.now(), false, false,
                null, false, sessionEnds, OptionalLong.of(120_000_000L));
    }

    @Test
    void showsSessionLeftAndRunsTheOfferedActionOnce(FxRobot r) {
        tray = StatusWindowTray.open(item -> {}, false, ZoneOffset.UTC);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(r.lookup("#session").queryAs(Label.class).isVisible()).as("no session: hidden").isFalse();
        assertThat(r.lookup("#messageAction").queryAs(Button.class).isVisible()).isFalse();

        tray.setState(online(Instant.now().plusSeconds(42 * 60 + 50)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(r.lookup("#session").queryAs(Label.class).getText()).isEqualTo("Session: 42 min left · 120 MB left");

        AtomicInteger runs = new AtomicInteger();
        tray.notify("Wi-Fi session ending", "Your Wi-Fi session ends in 2 min.", "Sign in again", runs::incrementAndGet);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(r.lookup("#message").queryAs(Label.class).getText()).isEqualTo("Wi-Fi session ending: Your Wi-Fi session ends in 2 min.");
        Button action = r.lookup("#messageAction").queryAs(Button.class);
        assertThat(action.getText()).isEqualTo("Sign in again");
        r.clickOn("#messageAction");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(runs.get()).isEqualTo(1);
        assertThat(action.isVisible()).as("used up").isFalse();

        tray.notify("Wi-Fi session ending", "again", "Sign in again", runs::incrementAndGet);
        tray.setState(online(null)); // the session is over: the offer goes
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(action.isVisible()).isFalse();
        assertThat(r.lookup("#session").queryAs(Label.class).isVisible()).isFalse();
    }
}
