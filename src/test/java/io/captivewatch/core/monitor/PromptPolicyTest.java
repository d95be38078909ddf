package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.NetworkPrefs;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.url.WebUrl;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.captivewatch.core.monitor.FakeWatcher.net;
import static org.assertj.core.api.Assertions.assertThat;

/** The prompt decisions alone: no scheduler, no threads, the time passed in. */
class PromptPolicyTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final URI URL = Classifications.LOGIN;
    final PromptPolicy policy = new PromptPolicy(Duration.ofSeconds(30));
    final NetworkIdentity home = net("Home");
    Settings settings = Settings.defaults().withPopup(PopupBehaviour.OPEN_AUTOMATICALLY);

    PromptPolicy.Decision on(Verdict v, NetworkIdentity n, long atSeconds) {
        return policy.onResult(Classifications.of(v), n, settings, T0.plusSeconds(atSeconds), () -> WebUrl.require(URL));
    }

    @Test
    void oncePerEpisodeThenClearedWhenOnline() {
        PromptPolicy.Decision first = on(Verdict.CAPTIVE, home, 0);
        assertThat(first.prompt()).hasValueSatisfying(p -> {
            assertThat(p.url().uri()).isEqualTo(URL);
            assertThat(p.automatic()).isTrue();
            assertThat(p.askFirst()).isFalse();
            assertThat(p.network()).isEqualTo(home);
        });
        assertThat(policy.episode()).isEqualTo(PromptPolicy.Episode.DECIDED);
        assertThat(on(Verdict.CAPTIVE, home, 100).prompt()).as("same episode").isEmpty();
        PromptPolicy.Decision online = on(Verdict.ONLINE, home, 200);
        assertThat(online.portalCleared()).isTrue();
        assertThat(online.prompt()).isEmpty();
        assertThat(policy.episode()).isEqualTo(PromptPolicy.Episode.NONE);
        assertThat(on(Verdict.ONLINE, home, 201).portalCleared()).as("only once").isFalse();
        assertThat(on(Verdict.CAPTIVE, home, 202).prompt()).as("a new episode, cooldown ended by online").isPresent();
    }

    @Test
    void offlineEndsTheEpisodeButTheCooldownHoldsOnTheSameNetwork() {
        on(Verdict.CAPTIVE, home, 0);
        assertThat(on(Verdict.OFFLINE, home, 5).portalCleared()).isFalse();
        assertThat(policy.episode()).isEqualTo(PromptPolicy.Episode.ENDED);
        assertThat(on(Verdict.CAPTIVE, home, 10).prompt()).as("within 30 s").isEmpty();
        on(Verdict.OFFLINE, home, 20);
        assertThat(on(Verdict.CAPTIVE, home, 30).prompt()).as("30 s after the prompt").isPresent();
        assertThat(on(Verdict.ONLINE, home, 40).portalCleared()).isTrue();
    }

    @Test
    void networkChangeEndsTheEpisodeCooldownIsPerNetwork() {
        on(Verdict.CAPTIVE, home, 0);
        policy.networkChanged();
        assertThat(policy.episode()).isEqualTo(PromptPolicy.Episode.ENDED);
        assertThat(on(Verdict.CAPTIVE, net("Cafe"), 1).prompt()).as("another network").isPresent();
        policy.networkChanged();
        assertThat(on(Verdict.CAPTIVE, null, 2).prompt()).as("an unknown network counts as the same").isEmpty();
        policy.networkChanged();
        assertThat(on(Verdict.CAPTIVE, home, 40).prompt()).isPresent();
    }

    @Test
    void settingsDecideWhetherAndHow() {
        settings = settings.withPopup(PopupBehaviour.ASK);
        assertThat(on(Verdict.CAPTIVE, home, 0).prompt()).hasValueSatisfying(p -> assertThat(p.askFirst()).isTrue());
        on(Verdict.ONLINE, home, 1);

        settings = settings.withPopup(PopupBehaviour.NEVER);
        assertThat(on(Verdict.CAPTIVE, home, 2).prompt()).isEmpty();
        assertThat(policy.episode()).as("decided: no prompt later in this episode").isEqualTo(PromptPolicy.Episode.DECIDED);
        on(Verdict.ONLINE, home, 3);

        settings = settings.withNetwork(home.key(), NetworkPrefs.NONE.withAlwaysOpen(true));
        assertThat(on(Verdict.CAPTIVE, home, 4).prompt()).as("always open beats NEVER, and does not ask")
                .hasValueSatisfying(p -> assertThat(p.askFirst()).isFalse());
        on(Verdict.ONLINE, home, 5);

        settings = settings.withPopup(PopupBehaviour.OPEN_AUTOMATICALLY)
                .withNetwork(home.key(), NetworkPrefs.NONE.withNeverPrompt(true));
        assertThat(on(Verdict.CAPTIVE, home, 6).prompt()).as("never prompt on this network beats OPEN").isEmpty();
    }

    @Test
    void noUrlNoPromptAndNoCooldown() {
        assertThat(policy.onResult(Classifications.of(Verdict.CAPTIVE), home, settings, T0, () -> null).prompt()).isEmpty();
        policy.networkChanged();
        assertThat(on(Verdict.CAPTIVE, home, 1).prompt()).as("the cooldown only starts with a prompt").isPresent();
    }

    @Test
    void promptUrlPrefersTheLinkThenTheInterceptedProbeThenPlainHttp() {
        List<ProbeSpec> probes = List.of(ProbeSpec.forUrl(URI.create("https://127.0.0.1:9/s"), "s"),
                ProbeSpec.forUrl(URI.create("http://127.0.0.1:9/p"), "p"));
        assertThat(PromptPolicy.promptUrl(Classifications.captive(URL), probes).uri()).isEqualTo(URL);
        assertThat(PromptPolicy.promptUrl(Classifications.captiveWithoutLink(), probes).uri()).isEqualTo(Classifications.PROBE.url());
        Classification online = Classifications.of(Verdict.ONLINE);
        assertThat(PromptPolicy.promptUrl(online, probes).uri()).isEqualTo(URI.create("http://127.0.0.1:9/p"));
        assertThat(PromptPolicy.promptUrl(null, probes.subList(0, 1)).uri()).isEqualTo(URI.create("https://127.0.0.1:9/s"));
        assertThat(PromptPolicy.promptUrl(null, List.of())).isNull();
    }
}
