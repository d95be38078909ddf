package io.captivewatch.desktop.login;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Keeps a page's alert/confirm/prompt dialogs from piling up: at most one is shown at a time, and
 * after {@link #MAX_IN_WINDOW} dialogs within {@link #WINDOW_MS} further ones are suppressed (an
 * alert loop then cannot lock the user out of the window). Not thread-safe: FX thread only.
 */
final class DialogGate {
    static final int MAX_IN_WINDOW = 3;
    static final long WINDOW_MS = 10_000;

    private final LongSupplier clockMs;
    private final Deque<Long> shown = new ArrayDeque<>();
    private boolean open;
    private int suppressed;

    DialogGate(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /** Whether a dialog may be shown now; if true, the caller must call {@link #closed()} when it is done. */
    boolean tryOpen() {
        long now = clockMs.getAsLong();
        while (!shown.isEmpty() && now - shown.peekFirst() >= WINDOW_MS) shown.removeFirst();
        if (open || shown.size() >= MAX_IN_WINDOW) {
            suppressed++;
            return false;
        }
        shown.addLast(now);
        open = true;
        return true;
    }

    void closed() {
        open = false;
    }

    boolean isOpen() {
        return open;
    }

    /** How many dialogs were suppressed so far. */
    int suppressed() {
        return suppressed;
    }
}
