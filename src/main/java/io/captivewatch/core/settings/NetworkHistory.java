package io.captivewatch.core.settings;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small history per network (issue #20), in {@code history.json} beside the settings: when it was captive,
 * how long the sign-in took (and whether CaptiveWatch did it), and how long sessions lasted. Bounded
 * ({@link #MAX_NETWORKS} networks, {@link #MAX_EPISODES} episodes each, oldest dropped first); written
 * atomically. No URL, page, token or form value is kept. Thread-safe.
 */
public final class NetworkHistory {
    public static final String FILE_NAME = "history.json";
    public static final int MAX_NETWORKS = 20;
    public static final int MAX_EPISODES = 20;
    public static final int MAX_BYTES = 128 * 1024;

    /**
     * One portal episode.
     *
     * @param captiveAt     when the portal was first seen (epoch seconds)
     * @param signInMillis  how long from then until online, or -1 when it never came online in this episode
     * @param automatic     whether CaptiveWatch signed in by itself
     * @param sessionSeconds how long the session then lasted (online until captive again on the same network), -1 unknown
     */
    public record Episode(long captiveAt, long signInMillis, boolean automatic, long sessionSeconds) {}

    /** One network's history: its name as shown and its episodes, oldest first. */
    public record Network(String name, List<Episode> episodes) {
        public Network {
            episodes = episodes == null ? List.of() : List.copyOf(episodes);
        }
    }

    private record FileForm(Map<String, Network> networks) {}

    private final Path file;
    private final LinkedHashMap<String, Network> networks = new LinkedHashMap<>();

    public NetworkHistory(Path dir) {
        this.file = dir.resolve(FILE_NAME);
        JsonFile.read(file, MAX_BYTES, FileForm.class).ifPresent(f -> {
            if (f.networks() != null) f.networks().forEach((k, v) -> {
                if (k != null && v != null && networks.size() < MAX_NETWORKS) networks.put(k, trim(v));
            });
        });
    }

    private static Network trim(Network n) {
        List<Episode> e = n.episodes();
        return new Network(n.name(), e.size() > MAX_EPISODES ? e.subList(e.size() - MAX_EPISODES, e.size()) : e);
    }

    public Path file() {
        return file;
    }

    public synchronized Map<String, Network> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(networks));
    }

    /** A portal was seen on a network: a new episode. */
    public synchronized void captive(String key, String name, Instant at) {
        update(key, name, new Episode(at.getEpochSecond(), -1, false, -1), false);
    }

    /** The network came online after the last episode began. */
    public synchronized void signedIn(String key, String name, long millis, boolean automatic) {
        Network n = networks.get(key);
        if (n == null || n.episodes().isEmpty()) return;
        Episode last = n.episodes().get(n.episodes().size() - 1);
        update(key, name, new Episode(last.captiveAt(), millis, automatic, last.sessionSeconds()), true);
    }

    /** The last episode's sign-in, already recorded, was CaptiveWatch's own (its replay confirmed it late). */
    public synchronized void signedInAutomatically(String key) {
        Network n = networks.get(key);
        if (n == null || n.episodes().isEmpty()) return;
        Episode last = n.episodes().get(n.episodes().size() - 1);
        if (last.signInMillis() < 0 || last.automatic()) return;
        update(key, null, new Episode(last.captiveAt(), last.signInMillis(), true, last.sessionSeconds()), true);
    }

    /** The session of the last signed-in episode ended after {@code seconds} (captive again). */
    public synchronized void sessionEnded(String key, String name, long seconds) {
        Network n = networks.get(key);
        if (n == null || n.episodes().isEmpty()) return;
        Episode last = n.episodes().get(n.episodes().size() - 1);
        update(key, name, new Episode(last.captiveAt(), last.signInMillis(), last.automatic(), seconds), true);
    }

    /** Forgets one network. */
    public synchronized void remove(String key) {
        if (networks.remove(key) != null) save();
    }

    private void update(String key, String name, Episode e, boolean replaceLast) {
        Network n = networks.remove(key);
        List<Episode> list = new ArrayList<>(n == null ? List.of() : n.episodes());
        if (replaceLast && !list.isEmpty()) list.set(list.size() - 1, e);
        else list.add(e);
        while (list.size() > MAX_EPISODES) list.remove(0);
        while (networks.size() >= MAX_NETWORKS) networks.remove(networks.keySet().iterator().next());
        networks.put(key, new Network(name == null ? (n == null ? key : n.name()) : name, list)); // most recent last
        save();
    }

    private void save() {
        try {
            JsonFile.write(file, new FileForm(networks), MAX_BYTES);
        } catch (IOException e) {
            System.err.println("captivewatch: could not save the network history: " + e.getMessage());
        }
    }
}
