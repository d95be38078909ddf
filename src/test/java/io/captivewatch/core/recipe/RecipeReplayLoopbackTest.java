package io.captivewatch.core.recipe;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.extract.BodyText;
import io.captivewatch.core.probe.PageExchange;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.testing.ClickThroughPortal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record -> replay on a loopback click-through portal shaped like openNDS's splash (issue #20): a user's
 * sign-in is recorded, the portal starts a new episode with a new token, and the replay signs in with the new
 * token; a changed page falls back.
 */
class RecipeReplayLoopbackTest {
    private ClickThroughPortal portal;
    private final PageExchange http = new PageExchange();

    @BeforeEach
    void start() throws Exception {
        portal = new ClickThroughPortal();
    }

    @AfterEach
    void stop() {
        portal.close();
    }

    private Replayer replayer() {
        return new Replayer(http::send, Duration.ofSeconds(10), Duration.ofMillis(50));
    }

    private Verdict verdict() {
        return portal.online() ? Verdict.ONLINE : Verdict.CAPTIVE;
    }

    /** A user signs in by hand (as the login window would see it): the two forms, as a browser sends them. */
    private Recipe signInByHand(Set<String> ticked) throws Exception {
        Replayer r = new Replayer(http::send, Duration.ofSeconds(10), Duration.ofMillis(50));
        RecipeRecorder recorder = new RecipeRecorder();
        // the browser's view of the episode: the splash after the redirect, then the thank-you page
        RecordedResponse splash = get(portal.url("/splash?fas=" + portal.token()));
        SubmittedForm first = FormUser.submit(splash.url(), BodyText.of(splash), "Accept Terms of Service", ticked);
        recorder.add(first);
        // what the browser sends next is what the replay plans from the same page (one encoder for both)
        Recipe partial = recorder.build().recipe().orElseThrow();
        var plan = (ReplayPlanner.Plan.Submit) ReplayPlanner.plan(splash.url(), BodyText.of(splash), partial.steps().get(0), portal.loginUrl());
        RecordedResponse thanks = get(plan.url());
        recorder.add(FormUser.submit(thanks.url(), BodyText.of(thanks), "Continue", Set.of()));
        Recipe recipe = recorder.build().recipe().orElseThrow();
        // and the hand sign-in finishes through the replay machinery of the same recipe
        assertThat(r.replay(portal.loginUrl(), recipe, this::verdict)).isInstanceOf(Replayer.Outcome.SignedIn.class);
        return recipe;
    }

    private RecordedResponse get(URI u) throws Exception {
        return http.send("GET", u, u, List.of(), null, System.nanoTime() + Duration.ofSeconds(5).toNanos());
    }

    @Test
    void aRecordedSignInIsReplayedOnTheNextEpisodeWithTheNewToken() throws Exception {
        Recipe recipe = signInByHand(Set.of());
        String oldToken = portal.token();
        portal.deauth();
        assertThat(portal.online()).isFalse();
        int before = portal.requests().size();

        Replayer.Outcome o = replayer().replay(portal.loginUrl(), recipe, this::verdict);

        assertThat(o).as("%s", o).isInstanceOf(Replayer.Outcome.SignedIn.class);
        assertThat(portal.online()).isTrue();
        List<String> replayed = portal.requests().subList(before, portal.requests().size());
        assertThat(String.join("\n", replayed)).contains("fas=" + portal.token()).doesNotContain(oldToken);
    }

    @Test
    void theRecipeHoldsNoTokenAndNoHiddenValue() throws Exception {
        Recipe recipe = signInByHand(Set.of());
        String all = recipe.toString();
        assertThat(all).doesNotContain(portal.token()).doesNotContain("clicked").doesNotContain("yes");
        assertThat(recipe.steps()).hasSize(2);
        assertThat(recipe.steps().get(0).action()).isEqualTo("/splash/");
        assertThat(recipe.steps().get(1).method()).isEqualTo("post");
    }

    @Test
    void aBoxTheUserTickedIsTickedAgain() throws Exception {
        portal.termsBox(true);
        Recipe recipe = signInByHand(Set.of("terms"));
        assertThat(recipe.steps().get(0).choices()).containsExactly(new Recipe.Choice("terms", "yes", true));
        portal.deauth();
        assertThat(replayer().replay(portal.loginUrl(), recipe, this::verdict)).isInstanceOf(Replayer.Outcome.SignedIn.class);
    }

    @Test
    void aFieldThatAppearedMakesTheReplayStopBeforeSubmitting() throws Exception {
        Recipe recipe = signInByHand(Set.of());
        portal.deauth();
        portal.extraField("newsletter");
        int before = portal.requests().size();

        Replayer.Outcome o = replayer().replay(portal.loginUrl(), recipe, this::verdict);

        assertThat(o).isInstanceOf(Replayer.Outcome.Fallback.class);
        assertThat(((Replayer.Outcome.Fallback) o).reason()).contains("newsletter");
        assertThat(portal.online()).isFalse();
        assertThat(portal.requests().subList(before, portal.requests().size())).noneMatch(r -> r.contains("continue=clicked"));
    }

    @Test
    void aPasswordFieldOnTheFreshPageMakesTheReplayStop() throws Exception {
        Recipe recipe = signInByHand(Set.of());
        portal.deauth();
        portal.passwordField(true);
        Replayer.Outcome o = replayer().replay(portal.loginUrl(), recipe, this::verdict);
        assertThat(o).isInstanceOf(Replayer.Outcome.Fallback.class);
        assertThat(((Replayer.Outcome.Fallback) o).reason()).contains("password");
    }

    @Test
    void aReplayThatDoesNotEndOnlineFallsBack() throws Exception {
        Recipe recipe = signInByHand(Set.of());
        portal.deauth();
        Replayer.Outcome o = replayer().replay(portal.loginUrl(), recipe, () -> Verdict.CAPTIVE);
        assertThat(o).isInstanceOf(Replayer.Outcome.Fallback.class);
        assertThat(((Replayer.Outcome.Fallback) o).reason()).contains("not online");
    }

    @Test
    void aRedirectToThisComputerFromARemotePortalIsNotFollowed() {
        Recipe recipe = new Recipe(List.of(new Recipe.Step("/x", "get", List.of(), List.of(), null)));
        Replayer r = new Replayer((m, u, origin, h, b, d) -> new RecordedResponse(u, 302, "Found",
                io.captivewatch.core.probe.Headers.of(List.of(new io.captivewatch.core.probe.Headers.Field("Location", "http://127.0.0.1:631/"))),
                new byte[0], false, 1), Duration.ofSeconds(5), Duration.ZERO);
        Replayer.Outcome o = r.replay(URI.create("http://10.99.0.1:2050/splash"), recipe, () -> Verdict.ONLINE);
        assertThat(o).isInstanceOf(Replayer.Outcome.Fallback.class);
        assertThat(((Replayer.Outcome.Fallback) o).reason()).contains("this computer");
    }

    @Test
    void cookiesAreKeptPerReplayOnly() {
        Replayer.Cookies c = new Replayer.Cookies();
        c.take(URI.create("http://a.example/"), List.of("s=1; Path=/", "bad\nname=2", "t=x y"));
        assertThat(c.header(URI.create("http://a.example/p"))).contains("s=1");
        assertThat(c.header(URI.create("http://b.example/"))).isEmpty();
        assertThat(new String("s=1".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("s=1");
    }
}
