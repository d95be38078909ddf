package io.captivewatch.desktop.tray;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.desktop.tray.TrayMenuModel.Item;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class StatusWindowTrayTest {

    final List<Item> performed = new CopyOnWriteArrayList<>();
    StatusWindowTray tray;

    @Start
    void start(Stage ignored) {
        // opened from the FX thread as ApplicationExtension calls us there: build directly
    }

    void open() {
        tray = StatusWindowTray.open(performed::add, false, ZoneOffset.UTC);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() {
        if (tray != null) tray.close();
        WaitForAsyncUtils.waitForFxEvents();
    }

    static TrayStatus captive() {
        return new TrayStatus(Optional.of(Verdict.CAPTIVE), "HotelGuest",
                Instant.parse("2026-11-23T10:15:30Z"), false, false, null, true);
    }

    @Test
    void showsStateNetworkAndLastCheck(FxRobot r) {
        open();
        assertThat(r.lookup("#state").queryAs(Label.class).getText()).isEqualTo("Checking…");
        tray.setState(captive());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(r.lookup("#state").queryAs(Label.class).getText()).isEqualTo("Sign-in required (captive portal)");
        assertThat(r.lookup("#network").queryAs(Label.class).getText()).isEqualTo("Network: HotelGuest");
        assertThat(r.lookup("#lastCheck").queryAs(Label.class).getText()).isEqualTo("Last check: " + io.captivewatch.core.i18n.Messages.english().time(Instant.parse("2026-11-23T10:15:30Z"), java.time.ZoneOffset.UTC)); // the language's clock format
        assertThat(tray.stage().getTitle()).isEqualTo("CaptiveWatch: Sign-in required (captive portal)");
    }

    @Test
    void buttonsFollowTheMenuModelAndPerformActions(FxRobot r) {
        open();
        assertThat(r.lookup("#signIn").queryAs(Button.class).isDisabled()).isTrue();
        tray.setState(captive());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(r.lookup("#signIn").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(r.lookup("#advice").queryAs(Button.class).isDisabled()).isTrue();
        r.clickOn("#signIn");
        r.clickOn("#checkNow");
        r.clickOn("#details");
        r.clickOn("#pause");
        r.clickOn("#settings");
        r.clickOn("#quit");
        assertThat(performed).containsExactly(Item.SIGN_IN, Item.CHECK_NOW, Item.DETAILS, Item.PAUSE, Item.SETTINGS, Item.QUIT);
    }

    @Test
    void disabledButtonsDoNothing(FxRobot r) {
        open();
        r.clickOn("#signIn");
        r.clickOn("#details");
        assertThat(performed).isEmpty();
    }

    @Test
    void pauseToggleLabelAndNotifications(FxRobot r) {
        open();
        tray.setState(new TrayStatus(Optional.of(Verdict.ONLINE), "eth0", Instant.EPOCH, false, true,
                Instant.parse("2026-11-23T11:00:00Z"), false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(r.lookup("#pause").queryAs(Button.class).getText()).isEqualTo("Resume checks");
        assertThat(r.lookup("#state").queryAs(Label.class).getText()).isEqualTo("Checks paused until " + io.captivewatch.core.i18n.Messages.english().time(Instant.parse("2026-11-23T11:00:00Z"), java.time.ZoneOffset.UTC));
        tray.notify("Sign-in required", "HotelGuest wants you to sign in.");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(r.lookup("#message").queryAs(Label.class).getText()).isEqualTo("Sign-in required: HotelGuest wants you to sign in.");
    }

    @Test
    void closingTheWindowMinimisesInsteadOfQuitting(FxRobot r) {
        open();
        r.interact(() -> tray.stage().fireEvent(new javafx.stage.WindowEvent(tray.stage(), javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(tray.stage().isShowing()).isTrue();
        assertThat(tray.stage().isIconified()).isTrue();
        assertThat(performed).isEmpty();
        tray.reveal();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tray.stage().isIconified()).isFalse();
    }

    @Test
    void onGnomeWithoutATrayTheWindowSaysOnceHowToGetOneAndNotificationsDoNotReplaceIt(FxRobot r) {
        tray = StatusWindowTray.open(performed::add, false, ZoneOffset.UTC, Optional.of(TrayHint.gnome()));
        WaitForAsyncUtils.waitForFxEvents();
        Label hint = r.lookup("#trayHint").queryAs(Label.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getText()).contains("AppIndicator");
        tray.notify("Sign-in required", "HotelGuest wants you to sign in.");
        tray.setState(captive());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hint.getText()).isEqualTo(TrayHint.gnome());
    }

    @Test
    void elsewhereThereIsNoHint(FxRobot r) {
        open();
        assertThat(r.lookup("#trayHint").queryAs(Label.class).isVisible()).isFalse();
    }
}
