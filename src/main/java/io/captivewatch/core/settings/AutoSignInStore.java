package io.captivewatch.core.settings;

import io.captivewatch.core.recipe.Recipe;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * "Sign me in automatically on this network" (issue #20): the {@link Recipe} per network, in
 * {@code auto-signin.json} beside the settings. Off unless the user turned it on for that network; visible and
 * removable in Settings. Bounded ({@link #MAX_NETWORKS}, {@link #MAX_BYTES}); each change is written atomically.
 * A recipe holds no secret (see {@link Recipe}); cookies and tokens are never stored. Thread-safe.
 */
public final class AutoSignInStore {
    public static final String FILE_NAME = "auto-signin.json";
    public static final int MAX_NETWORKS = 32;
    public static final int MAX_BYTES = 256 * 1024;

    /** One network's entry: its name as shown, the recipe, when it was taken. */
    public record Entry(String name, Recipe recipe, String since) {}

    private record FileForm(Map<String, Entry> networks) {}

    private final Path file;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    public AutoSignInStore(Path dir) {
        this.file = dir.resolve(FILE_NAME);
        JsonFile.read(file, MAX_BYTES, FileForm.class).ifPresent(f -> {
            if (f.networks() == null) return;
            f.networks().forEach((k, v) -> {
                if (k != null && v != null && v.recipe() != null && entries.size() < MAX_NETWORKS) entries.put(k, v);
            });
        });
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<Entry> get(String networkKey) {
        return Optional.ofNullable(entries.get(networkKey));
    }

    /** Every network with a recipe, by key (a copy). */
    public synchronized Map<String, Entry> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** Turns it on for a network (the oldest other network is dropped past {@link #MAX_NETWORKS}). */
    public synchronized void put(String networkKey, String name, Recipe recipe) throws IOException {
        entries.remove(networkKey);
        while (entries.size() >= MAX_NETWORKS) entries.remove(entries.keySet().iterator().next());
        entries.put(networkKey, new Entry(name == null ? networkKey : name, recipe, Instant.now().toString()));
        save();
    }

    /** Turns it off for a network; true if there was one. */
    public synchronized boolean remove(String networkKey) throws IOException {
        if (entries.remove(networkKey) == null) return false;
        save();
        return true;
    }

    private void save() throws IOException {
        JsonFile.write(file, new FileForm(entries), MAX_BYTES);
    }
}
