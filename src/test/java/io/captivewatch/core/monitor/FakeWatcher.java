package io.captivewatch.core.monitor;

import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.network.NetworkWatcher;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A network feed the test drives by hand. */
public final class FakeWatcher implements NetworkWatcher {
    private Consumer<NetworkChange> listener;
    private Runnable activity = () -> {};
    private NetworkIdentity current;
    public boolean closed;

    public FakeWatcher(NetworkIdentity initial) {
        this.current = initial;
    }

    @Override
    public void start(Consumer<NetworkChange> l) {
        this.listener = l;
    }

    @Override
    public void onActivity(Runnable r) {
        this.activity = r;
    }

    /** An OS hint that something may be changing (before any change is reported). */
    public void stir() {
        activity.run();
    }

    @Override
    public Optional<NetworkIdentity> current() {
        return Optional.ofNullable(current);
    }

    /** Reports a change to the monitor (it is processed when the scheduler runs). */
    public void emit(NetworkChange.Kind kind, NetworkIdentity now) {
        current = now;
        listener.accept(new NetworkChange(Instant.EPOCH, kind, List.of("test"), now));
    }

    @Override
    public void close() {
        closed = true;
    }

    public static NetworkIdentity net(String name) {
        return new NetworkIdentity("ssid:" + name, name, name);
    }
}
