package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.NetworkPrefs;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.url.WebUrl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether a check's result opens the login window on its own: once per portal episode per network (the episode ends
 * when the verdict leaves CAPTIVE or the network changes), honouring {@link PopupBehaviour} and the per-network
 * "never prompt" / "always open", and not again on the same network within the cooldown (a flapping link) unless
 * the network was online in between. No threads, no timers: the caller passes the time.
 */
final class PromptPolicy {
    /**
     * After an automatic prompt on a network, no further automatic prompt there for this long unless the portal
     * was cleared in between: a flapping link (left / joined / left ...) must not pop the window up again and again.
     */
    static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);

    /** Where the portal story stands. */
    enum Episode {
        /** No portal seen since the network was last online. */
        NONE,
        /** Captive now, and this episode's prompt decision is made (prompted, or the settings said no). */
        DECIDED,
        /** A portal was seen, but that episode ended (offline, or another network) without getting online. */
        ENDED
    }

    /** The outcome for one check: a prompt to show (or none), and whether the portal has just cleared. */
    record Decision(Optional<LoginPrompt> prompt, boolean portalCleared) {
        static final Decision NOTHING = new Decision(Optional.empty(), false);
    }

    private final Duration cooldown;
    private Episode episode = Episode.NONE;
    /** The last automatic prompt (network key, "" when unknown) and when, for the cooldown. */
    private String lastPromptKey;
    private Instant lastPromptAt;

    PromptPolicy(Duration cooldown) {
        this.cooldown = cooldown;
    }

    Episode episode() {
        return episode;
    }

    /** A new network: its portal episode (if any) is a new one; the cooldown still counts. */
    void networkChanged() {
        if (episode == Episode.DECIDED) episode = Episode.ENDED;
    }

    /**
     * A check on {@code network} said {@code c} at {@code now}; {@code url} gives the page to open (null: nothing
     * to open), asked only when a prompt is due.
     */
    Decision onResult(Classification c, NetworkIdentity network, Settings settings, Instant now, Supplier<WebUrl> url) {
        Verdict v = c.verdict();
        if (v != Verdict.CAPTIVE) {
            boolean cleared = v == Verdict.ONLINE && episode != Episode.NONE;
            if (v == Verdict.ONLINE) {
                lastPromptKey = null;
                lastPromptAt = null;
                episode = Episode.NONE;
            } else if (episode == Episode.DECIDED) {
                episode = Episode.ENDED;
            }
            return cleared ? new Decision(Optional.empty(), true) : Decision.NOTHING;
        }
        if (episode == Episode.DECIDED) return Decision.NOTHING;
        episode = Episode.DECIDED;
        NetworkPrefs prefs = settings.network(network == null ? null : network.key());
        if (prefs.neverPrompt()) return Decision.NOTHING;
        boolean askFirst;
        if (prefs.alwaysOpen()) askFirst = false;
        else if (settings.popup() == PopupBehaviour.NEVER) return Decision.NOTHING;
        else askFirst = settings.popup() == PopupBehaviour.ASK;
        WebUrl u = url.get();
        if (u == null) return Decision.NOTHING;
        String key = network == null ? "" : network.key();
        if (lastPromptAt != null && now.isBefore(lastPromptAt.plus(cooldown))
                && (key.equals(lastPromptKey) || key.isEmpty() || lastPromptKey.isEmpty())) {
            return Decision.NOTHING; // same network (or one we could not identify) prompted moments ago: a flapping link
        }
        lastPromptKey = key;
        lastPromptAt = now;
        return new Decision(Optional.of(new LoginPrompt(u, c, network, true, askFirst)), false);
    }

    /** The page to open: the best login link, else the probe URL that was intercepted, else the first plain-http probe. */
    static WebUrl promptUrl(Classification c, List<ProbeSpec> probes) {
        if (c != null) {
            Optional<WebUrl> login = c.loginUrl();
            if (login.isPresent()) return login.get();
            if (c.deciding().isPresent()) return page(c.deciding().get().observation().spec());
        }
        for (ProbeSpec p : probes) if (!p.isHttps()) return page(p);
        return probes.isEmpty() ? null : page(probes.get(0));
    }

    /** A probe's URL as a page to open: {@link ProbeSpec} accepts only URLs that pass {@link WebUrl}'s rule. */
    private static WebUrl page(ProbeSpec p) {
        return WebUrl.require(p.url());
    }
}
