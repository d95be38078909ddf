package io.captivewatch.core.network;

/** Takes a {@link NetworkSnapshot}; injectable so watcher tests need no OS. */
@FunctionalInterface
public interface SnapshotSource {
    NetworkSnapshot take();
}
