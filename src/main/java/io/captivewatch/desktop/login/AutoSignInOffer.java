package io.captivewatch.desktop.login;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * The offer under "You're online" after a sign-in on a page with no password, payment or personal-data field
 * (issue #20): "Sign me in automatically on this network". Off unless taken; the button has the focus, so
 * Return or Space take it. Taking it tells the tray ({@link LoginEvents#autoSignInChosen}) and closes the window.
 */
final class AutoSignInOffer extends HBox {
    /** How long the window stays open with the offer before it closes by itself. */
    static final Duration TIME = Duration.seconds(12);
    /** Message keys of the button and the hint under it. */
    static final String LABEL = "login.autoSignIn.offer", HINT = "login.autoSignIn.hint";

    AutoSignInOffer(Runnable chosen, Runnable close) {
        super(10);
        setId("autoSignInOffer");
        Button take = new Button(io.captivewatch.core.i18n.Messages.t(LABEL));
        take.setId("autoSignInButton");
        take.setDefaultButton(true);
        take.setOnAction(e -> {
            take.setDisable(true);
            chosen.run();
            close.run();
        });
        take.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the button keeps its words; the hint wraps
        Label hint = new Label(io.captivewatch.core.i18n.Messages.t(HINT));
        hint.setWrapText(true);
        hint.setMinWidth(0);
        hint.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(hint, javafx.scene.layout.Priority.ALWAYS);
        getChildren().setAll(take, hint);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(8));
        setStyle("-fx-background-color: #e8f5e9;");
        Platform.runLater(take::requestFocus);
    }
}
