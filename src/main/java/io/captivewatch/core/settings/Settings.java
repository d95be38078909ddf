package io.captivewatch.core.settings;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The user's settings, immutable; serialised with Gson by {@link SettingsStore}. Values are clamped to
 * sane ranges here (the store additionally reports what it had to fix).
 *
 * @param probes                   probe URLs (http/https); empty = the built-in vendor probes
 * @param onlineIntervalSeconds    how often to re-check while online (±10% jitter), 30..86400, default 300
 * @param captiveIntervalSeconds   how often to re-check while captive (to see the login complete), 1..300, default 3
 * @param offlineBackoffMaxSeconds the longest wait between checks while offline/limited, 5..3600, default 60
 * @param popup                    what to do when a portal is found, default {@link PopupBehaviour#OPEN_AUTOMATICALLY}
 * @param networks                 per-network preferences, keyed by {@code NetworkIdentity.key()}
 * @param startAtLogin             start CaptiveWatch when the user logs in, default true
 * @param language                 the language to speak (a tag such as "ru" or "pt-BR"), or "" to follow the
 *                                 system (default); {@code --lang} overrides it for one run (core/i18n/Languages)
 */
public record Settings(List<String> probes, int onlineIntervalSeconds, int captiveIntervalSeconds,
                       int offlineBackoffMaxSeconds, PopupBehaviour popup, Map<String, NetworkPrefs> networks,
                       boolean startAtLogin, String language) {

    public static final int DEFAULT_ONLINE_INTERVAL = 300;
    public static final int DEFAULT_CAPTIVE_INTERVAL = 3;
    public static final int DEFAULT_OFFLINE_BACKOFF_MAX = 60;
    public static final int MIN_ONLINE_INTERVAL = 30, MAX_ONLINE_INTERVAL = 86_400;
    public static final int MIN_CAPTIVE_INTERVAL = 1, MAX_CAPTIVE_INTERVAL = 300;
    public static final int MIN_OFFLINE_BACKOFF_MAX = 5, MAX_OFFLINE_BACKOFF_MAX = 3_600;
    /** At most this many probe URLs are kept. */
    public static final int MAX_PROBES = 20;

    public Settings {
        probes = probes == null ? List.of()
                : List.copyOf(probes.stream().filter(Objects::nonNull).limit(MAX_PROBES).toList());
        onlineIntervalSeconds = clamp(onlineIntervalSeconds, MIN_ONLINE_INTERVAL, MAX_ONLINE_INTERVAL);
        captiveIntervalSeconds = clamp(captiveIntervalSeconds, MIN_CAPTIVE_INTERVAL, MAX_CAPTIVE_INTERVAL);
        offlineBackoffMaxSeconds = clamp(offlineBackoffMaxSeconds, MIN_OFFLINE_BACKOFF_MAX, MAX_OFFLINE_BACKOFF_MAX);
        if (popup == null) popup = PopupBehaviour.OPEN_AUTOMATICALLY;
        TreeMap<String, NetworkPrefs> copy = new TreeMap<>();
        if (networks != null) {
            networks.forEach((k, v) -> {
                if (k != null && v != null && !v.isEmpty()) copy.put(k, v);
            });
        }
        networks = Collections.unmodifiableMap(copy);
        language = language == null ? "" : language.trim();
    }

    /** Settings that follow the system's language. */
    public Settings(List<String> probes, int onlineIntervalSeconds, int captiveIntervalSeconds,
                    int offlineBackoffMaxSeconds, PopupBehaviour popup, Map<String, NetworkPrefs> networks,
                    boolean startAtLogin) {
        this(probes, onlineIntervalSeconds, captiveIntervalSeconds, offlineBackoffMaxSeconds, popup, networks, startAtLogin, "");
    }

    /** Everything at its default. */
    public static Settings defaults() {
        return new Settings(List.of(), DEFAULT_ONLINE_INTERVAL, DEFAULT_CAPTIVE_INTERVAL, DEFAULT_OFFLINE_BACKOFF_MAX,
                PopupBehaviour.OPEN_AUTOMATICALLY, Map.of(), true);
    }

    static int clamp(int v, int min, int max) {
        return Math.max(min, Math.min(max, v));
    }

    public Duration onlineInterval() {
        return Duration.ofSeconds(onlineIntervalSeconds);
    }

    public Duration captiveInterval() {
        return Duration.ofSeconds(captiveIntervalSeconds);
    }

    public Duration offlineBackoffMax() {
        return Duration.ofSeconds(offlineBackoffMaxSeconds);
    }

    /** The preferences for one network key ({@link NetworkPrefs#NONE} when none stored). */
    public NetworkPrefs network(String key) {
        NetworkPrefs p = key == null ? null : networks.get(key);
        return p == null ? NetworkPrefs.NONE : p;
    }

    public Settings withProbes(List<String> v) {
        return new Settings(v, onlineIntervalSeconds, captiveIntervalSeconds, offlineBackoffMaxSeconds, popup, networks, startAtLogin, language);
    }

    public Settings withOnlineIntervalSeconds(int v) {
        return new Settings(probes, v, captiveIntervalSeconds, offlineBackoffMaxSeconds, popup, networks, startAtLogin, language);
    }

    public Settings withCaptiveIntervalSeconds(int v) {
        return new Settings(probes, onlineIntervalSeconds, v, offlineBackoffMaxSeconds, popup, networks, startAtLogin, language);
    }

    public Settings withOfflineBackoffMaxSeconds(int v) {
        return new Settings(probes, onlineIntervalSeconds, captiveIntervalSeconds, v, popup, networks, startAtLogin, language);
    }

    public Settings withPopup(PopupBehaviour v) {
        return new Settings(probes, onlineIntervalSeconds, captiveIntervalSeconds, offlineBackoffMaxSeconds, v, networks, startAtLogin, language);
    }

    public Settings withNetworks(Map<String, NetworkPrefs> v) {
        return new Settings(probes, onlineIntervalSeconds, captiveIntervalSeconds, offlineBackoffMaxSeconds, popup, v, startAtLogin, language);
    }

    /** A copy with one network's preferences replaced (removed when {@code prefs} is empty). */
    public Settings withNetwork(String key, NetworkPrefs prefs) {
        Map<String, NetworkPrefs> m = new TreeMap<>(networks);
        if (prefs == null || prefs.isEmpty()) m.remove(key);
        else m.put(key, prefs);
        return withNetworks(m);
    }

    public Settings withLanguage(String v) {
        return new Settings(probes, onlineIntervalSeconds, captiveIntervalSeconds, offlineBackoffMaxSeconds, popup, networks, startAtLogin, v);
    }

    public Settings withStartAtLogin(boolean v) {
        return new Settings(probes, onlineIntervalSeconds, captiveIntervalSeconds, offlineBackoffMaxSeconds, popup, networks, v, language);
    }

}
