package io.captivewatch.core.network;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Source of debounced network changes for the monitor. {@link #system()} watches the real OS
 * (on Linux: {@code ip monitor} as a hint source, slow polling as a fallback); {@link #none()} never reports.
 */
public interface NetworkWatcher extends AutoCloseable {

    /**
     * Starts watching; {@code listener} gets each real change (after debouncing), on the watcher's own thread.
     * Takes the first snapshot before returning, so {@link #current()} is meaningful afterwards.
     */
    void start(Consumer<NetworkChange> listener);

    /**
     * {@code r} runs at the first sign that a network may be joined (an address or default route appearing), before
     * the change is debounced, confirmed and reported. Cheap and unconfirmed: a hint to get ready, not a change.
     * Runs on the watcher's own thread; call before {@link #start}. Watchers without such signals never call it.
     */
    default void onActivity(Runnable r) {}

    /** The network as last seen (empty before {@link #start} or when there is none). */
    Optional<NetworkIdentity> current();

    /** Stops watching (also stops any helper process). */
    @Override
    void close();

    /** The real OS watcher with its default timings. */
    static NetworkWatcher system() {
        return DefaultNetworkWatcher.system();
    }

    /** A watcher that never reports anything (for one-shot use and tests). */
    static NetworkWatcher none() {
        return new NetworkWatcher() {
            @Override
            public void start(Consumer<NetworkChange> listener) {}

            @Override
            public Optional<NetworkIdentity> current() {
                return Optional.empty();
            }

            @Override
            public void close() {}
        };
    }
}
