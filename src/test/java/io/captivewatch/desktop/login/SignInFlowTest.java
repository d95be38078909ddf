package io.captivewatch.desktop.login;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.detect.Detector;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.desktop.fx.Fx;
import io.captivewatch.testing.PortalSimulator;
import io.captivewatch.core.url.WebUrl;
import javafx.concurrent.Worker;
import javafx.scene.web.WebView;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole sign-in as the app does it: a check finds the portal, the window opens on its login link,
 * the user submits the form, the next check (the caller's probes, not the page) says online, and the
 * window shows "You're online" and closes by itself.
 */
class SignInFlowTest {
    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @Test
    void portalFoundSignedInThenTheWindowClosesOnTheProbesWord() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (PortalSimulator sim = new PortalSimulator(PortalSimulator.Scenario.REDIRECT_302).start();
             Detector detector = new Detector()) {
            List<ProbeSpec> probes = List.of(ProbeSpec.forUrl(sim.url("/generate_204")));
            Classification first = detector.check(probes, Duration.ofSeconds(10));
            assertThat(first.verdict()).isEqualTo(Verdict.CAPTIVE);
            WebUrl login = first.loginUrl().orElseThrow();

            LoginWindow w = Fx.call(() -> LoginWindow.open(login, new LoginEvents() {
                @Override public void closed() { events.add("closed"); }
            }));
            Fx.until("login page", Duration.ofSeconds(20), () -> w.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED
                    && w.engine().getDocument().getElementById("submit") != null);
            Fx.run(() -> w.engine().executeScript("document.getElementById('room').value = '42';"
                    + "document.getElementById('accept').checked = true;"));
            javafx.geometry.Point2D at = Fx.call(() -> {
                WebView v = (WebView) w.stage().getScene().lookup(".web-view");
                Number x = (Number) w.engine().executeScript("var r=document.getElementById('submit').getBoundingClientRect(); r.left + r.width/2");
                Number y = (Number) w.engine().executeScript("var r=document.getElementById('submit').getBoundingClientRect(); r.top + r.height/2");
                return v.localToScreen(x.doubleValue(), y.doubleValue());
            });
            new FxRobot().clickOn(at);
            Fx.until("the portal let us through", Duration.ofSeconds(20), () -> sim.scenario() == PortalSimulator.Scenario.ONLINE_204);
            assertThat(Fx.call(w::isShowing)).as("the page alone never closes the window").isTrue();

            Classification after = detector.check(probes, Duration.ofSeconds(10));
            assertThat(after.verdict()).isEqualTo(Verdict.ONLINE);
            Fx.run(w::showOnlineAndClose);
            Fx.until("closed by itself", Duration.ofSeconds(10), () -> !w.isShowing());
            assertThat(events).containsExactly("closed");
        }
    }
}
