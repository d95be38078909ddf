package io.captivewatch.core.network;

/**
 * Something that says "the network may have changed" (on Linux: the lines of {@code ip monitor}). The
 * watcher reacts to hints by taking a snapshot after a quiet period; injectable for tests.
 */
public interface ChangeHintSource {

    /** Receives hints; called from the source's own thread. */
    interface Listener {
        /** Something happened ({@code line} is informational). */
        void hint(String line);

        /** The source stopped (process died, command missing); the watcher falls back to polling and restarts it later. */
        void ended(String why);
    }

    /** A running source. */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts the source; on failure to start it calls {@link Listener#ended} (possibly before returning). */
    Handle start(Listener listener);

    /** A source that never gives hints and ends at once: the watcher just polls. */
    static ChangeHintSource none() {
        return l -> {
            l.ended("no hint source");
            return () -> {};
        };
    }
}
