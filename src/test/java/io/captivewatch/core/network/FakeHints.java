package io.captivewatch.core.network;

import java.util.concurrent.atomic.AtomicInteger;

/** A hint source the test drives: {@link #hint()} and {@link #die()}; counts starts and closes. */
public final class FakeHints implements ChangeHintSource {
    private volatile Listener listener;
    public final AtomicInteger starts = new AtomicInteger();
    public final AtomicInteger closes = new AtomicInteger();
    /** When true, every start ends at once (like a missing {@code ip} binary). */
    public volatile boolean missing;

    @Override
    public Handle start(Listener l) {
        starts.incrementAndGet();
        if (missing) {
            l.ended("missing");
            return closes::incrementAndGet;
        }
        listener = l;
        return closes::incrementAndGet;
    }

    public void hint() {
        hint("2: eth0    inet 10.0.0.5/24 ...");
    }

    /** One line as {@code ip -o monitor} would print it. */
    public void hint(String line) {
        listener.hint(line);
    }

    public void die() {
        Listener l = listener;
        listener = null;
        l.ended("killed");
    }

    public boolean running() {
        return listener != null;
    }
}
