package io.captivewatch.desktop;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.extract.BodyText;
import io.captivewatch.core.monitor.HistoryRecorder;
import io.captivewatch.core.monitor.LoginPrompt;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.probe.PageExchange;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.recipe.FormUser;
import io.captivewatch.core.recipe.Replayer;
import io.captivewatch.core.settings.AutoSignInStore;
import io.captivewatch.core.settings.NetworkHistory;
import io.captivewatch.testing.Await;
import io.captivewatch.testing.ClickThroughPortal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desktop's automatic sign-in (issue #20) on a loopback click-through portal: recorded forms, then online,
 * make the tray offer it once as a notification (not the login window: it closes at once, #17); its action stores
 * the recipe; the next portal prompt on that network is signed in without a window and a
 * "Signed in to ... for you" notice with "Undo / turn off"; a changed page opens the window as before.
 */
class AutoSignInTest {
    private static final NetworkIdentity CAFE = new NetworkIdentity("wifi:Cafe", "Wi-Fi Cafe", "Cafe");
    private final ClickThroughPortal portal = new ClickThroughPortal();
    private final PageExchange http = new PageExchange();
    private final ActionTray tray = new ActionTray();
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicInteger windows = new AtomicInteger();
    private AutoSignIn auto;

    AutoSignInTest() throws Exception {}

    @AfterEach
    void stop() {
        if (auto != null) auto.close();
        portal.close();
    }

    private AutoSignIn start(Path dir) {
        auto = new AutoSignIn(() -> Optional.of(CAFE), checks::incrementAndGet, new AutoSignInStore(dir),
                new Replayer(http::send, Duration.ofSeconds(10), Duration.ofMillis(50)),
                () -> portal.online() ? Verdict.ONLINE : Verdict.CAPTIVE,
                new HistoryRecorder(new NetworkHistory(dir), Clock.systemUTC()), () -> tray, s -> {});
        return auto;
    }

    private LoginPrompt prompt() {
        return new LoginPrompt(io.captivewatch.core.url.WebUrl.require(portal.loginUrl()), new Classification(Verdict.CAPTIVE, "", Optional.empty(), List.of(),
                List.of(), List.of(), Optional.empty()), CAFE, true);
    }

    private RecordedResponse get(URI u) throws Exception {
        return http.send("GET", u, u, List.of(), null, System.nanoTime() + Duration.ofSeconds(5).toNanos());
    }

    /** The user signs in in the login window: its two form reports; then the network is online. */
    private boolean signInByHand() throws Exception {
        auto.signInStarted();
        RecordedResponse splash = get(portal.url("/splash?fas=" + portal.token()));
        auto.formSubmitted(FormUser.submit(splash.url(), BodyText.of(splash), "Accept Terms of Service", Set.of()));
        RecordedResponse thanks = get(portal.url("/splash/?fas=" + portal.token() + "&continue=clicked"));
        auto.formSubmitted(FormUser.submit(thanks.url(), BodyText.of(thanks), "Continue", Set.of()));
        return auto.signedIn(); // the monitor's portalCleared
    }

    /** The sign-in by hand, then the user takes the tray's offer (its notification's action). */
    private void signInByHandAndChoose() throws Exception {
        assertThat(signInByHand()).isTrue();
        tray.actions.get(tray.actions.size() - 1).run();
    }

    @Test
    void afterAClickThroughSignInTheTrayOffersItOnceAndItsActionStoresTheRecipe(@TempDir Path dir) throws Exception {
        start(dir);
        assertThat(signInByHand()).isTrue();
        assertThat(tray.notes).containsExactly("Sign in automatically next time?: CaptiveWatch can repeat these clicks on "
                + "Wi-Fi Cafe next time (no passwords are kept).");
        assertThat(tray.labels).containsExactly("Sign me in automatically");
        assertThat(auto.signedIn()).isFalse(); // a second "online" without a new sign-in offers nothing more
        assertThat(tray.actions).hasSize(1);
        assertThat(new AutoSignInStore(dir).all()).isEmpty(); // nothing stored unless taken

        tray.actions.get(0).run(); // "Sign me in automatically"
        assertThat(new AutoSignInStore(dir).get(CAFE.key())).isPresent();
        assertThat(tray.notes).last().asString().startsWith("Automatic sign-in is on");
    }

    @Test
    void notOfferedAgainThisSessionWhenNotTaken(@TempDir Path dir) throws Exception {
        start(dir);
        assertThat(signInByHand()).isTrue();
        portal.deauth();
        assertThat(signInByHand()).isFalse();
        assertThat(tray.actions).hasSize(1);
    }

    @Test
    void noOfferWhenTheNetworkHasARecipe(@TempDir Path dir) throws Exception {
        start(dir);
        signInByHandAndChoose();
        portal.deauth();
        int notes = tray.notes.size();
        assertThat(signInByHand()).isFalse(); // e.g. the user's "Sign in…" on a network signed in automatically
        assertThat(tray.notes).hasSize(notes);
        assertThat(tray.actions).hasSize(1);
    }

    @Test
    void noOfferWhenOnlineWithoutASignInInTheWindow(@TempDir Path dir) {
        start(dir);
        assertThat(auto.signedIn()).isFalse();
        assertThat(tray.notes).isEmpty();
    }

    @Test
    void theNextEpisodeIsSignedInWithoutAWindowAndUndoTurnsItOff(@TempDir Path dir) throws Exception {
        start(dir);
        signInByHandAndChoose();
        assertThat(new AutoSignInStore(dir).get(CAFE.key())).isPresent();
        tray.actions.clear();
        tray.labels.clear();

        assertThat(auto.tryReplay(prompt(), windows::incrementAndGet)).isTrue();
        Await.until("signed-in notice", () -> !tray.actions.isEmpty(), Duration.ofSeconds(15));
        assertThat(portal.online()).isTrue();
        assertThat(windows.get()).isZero();
        assertThat(checks.get()).isEqualTo(1);
        assertThat(tray.notes).anyMatch(n -> n.startsWith("Signed in to Wi-Fi Cafe for you"));
        assertThat(tray.labels).containsExactly(io.captivewatch.core.i18n.Messages.t(AutoSignIn.UNDO));

        tray.actions.get(0).run(); // "Undo / turn off"
        assertThat(new AutoSignInStore(dir).get(CAFE.key())).isEmpty();
        portal.deauth();
        assertThat(auto.tryReplay(prompt(), windows::incrementAndGet)).isFalse(); // the window opens as before
    }

    @Test
    void aChangedSplashOpensTheWindow(@TempDir Path dir) throws Exception {
        start(dir);
        signInByHandAndChoose();
        tray.actions.clear();
        portal.deauth();
        portal.extraField("room");
        assertThat(auto.tryReplay(prompt(), windows::incrementAndGet)).isTrue();
        Await.until("the login window opens", () -> windows.get() == 1, Duration.ofSeconds(15));
        assertThat(portal.online()).isFalse();
        assertThat(tray.actions).isEmpty();
    }

    @Test
    void noOfferWhenThePageHadAPasswordField(@TempDir Path dir) throws Exception {
        start(dir);
        portal.passwordField(true);
        assertThat(signInByHand()).isFalse();
        assertThat(tray.notes).isEmpty();
        assertThat(tray.actions).isEmpty();
        assertThat(new AutoSignInStore(dir).all()).isEmpty();
    }

    static final class ActionTray implements io.captivewatch.desktop.tray.TrayUi {
        final List<String> notes = new CopyOnWriteArrayList<>();
        final List<String> labels = new CopyOnWriteArrayList<>();
        final List<Runnable> actions = new CopyOnWriteArrayList<>();

        @Override public void setState(io.captivewatch.desktop.tray.TrayStatus s) {}
        @Override public void notify(String title, String message) { notes.add(title + ": " + message); }
        @Override public void notify(String title, String message, String label, Runnable action) {
            notes.add(title + ": " + message);
            labels.add(label);
            actions.add(action);
        }
        @Override public void close() {}
        @Override public io.captivewatch.desktop.tray.TrayStatus status() { return io.captivewatch.desktop.tray.TrayStatus.initial(); }
    }
}
