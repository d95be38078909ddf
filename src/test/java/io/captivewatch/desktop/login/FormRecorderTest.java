package io.captivewatch.desktop.login;

import io.captivewatch.core.recipe.Recipe;
import io.captivewatch.core.recipe.RecipeRecorder;
import io.captivewatch.core.recipe.SubmittedForm;
import io.captivewatch.desktop.fx.Fx;
import io.captivewatch.testing.ClickThroughPortal;

import javafx.concurrent.Worker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login window's form recording (issue #20) in a real WebView: submissions are seen from Java through DOM
 * events (no bridge), a ticked box is recorded, a password is never read and its page is reported as
 * sensitive; the window shows no offer (the tray makes it, issue #17) and closes after its banner.
 */
class FormRecorderTest {
    static final Duration LOAD = Duration.ofSeconds(20);
    final ClickThroughPortal portal = new ClickThroughPortal();
    final List<SubmittedForm> forms = new CopyOnWriteArrayList<>();
    LoginWindow window;
    final LoginEvents events = new LoginEvents() {
        @Override public void formSubmitted(SubmittedForm f) { forms.add(f); }
    };

    FormRecorderTest() throws Exception {}

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void cleanUp() {
        if (window != null) Fx.run(window::close);
        portal.close();
    }

    private void open(URI url) {
        window = Fx.call(() -> LoginWindow.open(io.captivewatch.core.url.WebUrl.require(url), events));
    }

    private void awaitLoaded(String marker) {
        try {
            awaitLoaded0(marker);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; requests " + portal.requests() + " forms " + forms, e);
        }
    }

    private void awaitLoaded0(String marker) {
        Fx.until("page with " + marker, LOAD, () -> window.engine() != null
                && window.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED
                && String.valueOf(window.engine().executeScript("document.body && document.body.textContent")).contains(marker));
    }

    private void js(String script) {
        Fx.call(() -> window.engine().executeScript(script));
    }

    @Test
    void aClickThroughSignInIsRecordedAndTheWindowClosesAfterItsBanner() {
        portal.termsBox(true);
        open(portal.loginUrl());
        awaitLoaded("Welcome");
        js("document.querySelector('input[type=checkbox][name=terms]').click()");
        js("document.forms[1].querySelector('input[type=submit]').click()");
        awaitLoaded("Thank you");
        js("document.forms[0].querySelector('input[type=submit]').click()");
        awaitLoaded("logged in");
        assertThat(portal.online()).isTrue();
        assertThat(forms).hasSize(2);
        assertThat(forms.get(0).sensitive()).isNull();
        assertThat(forms.get(0).toJson()).doesNotContain(portal.token()); // hidden values are not even read

        RecipeRecorder r = new RecipeRecorder();
        forms.forEach(r::add);
        Recipe recipe = r.build().recipe().orElseThrow();
        assertThat(recipe.steps().get(0).choices()).containsExactly(new Recipe.Choice("terms", "yes", true));
        assertThat(recipe.steps().get(1).method()).isEqualTo("post");

        Fx.run(window::showOnlineAndClose);
        // no offer in the window: it closes after its banner as after any sign-in (issue #17)
        Fx.until("the window closes", LOAD, () -> !window.isShowing());
        assertThat(LoginWindow.LONGEST_ONLINE_TIME).isEqualTo(LoginWindow.ONLINE_BANNER_TIME);
    }

    @Test
    void aPasswordIsNeverReadAndThePageIsReportedSensitive() {
        portal.passwordField(true);
        open(portal.loginUrl());
        awaitLoaded("Welcome");
        js("document.querySelector('input[name=pw]').value = 'hunter2'");
        js("document.forms[1].querySelector('input[type=submit]').click()");
        Fx.until("the form report", LOAD, () -> !forms.isEmpty());
        assertThat(forms.get(0).sensitive()).contains("password");
        assertThat(forms.get(0).toJson()).doesNotContain("hunter2");
        RecipeRecorder r = new RecipeRecorder();
        forms.forEach(r::add);
        assertThat(r.build().recipe()).isEmpty(); // the tray makes no offer of it
    }
}
