package io.captivewatch.core.network;

import io.captivewatch.core.os.TaskScheduler;

import java.time.Duration;
import java.time.Instant;

/**
 * Turns a burst of signals into one action: the action runs once the signals have been quiet for
 * {@code quiet}, but no later than {@code maxWait} after the first signal of the burst (so a flapping link
 * still gets reported promptly). The action runs on the scheduler's thread. Thread-safe.
 */
public final class Debouncer {
    public static final Duration DEFAULT_QUIET = Duration.ofMillis(400); // a DHCP join (link, address, route) lands within ~100 ms
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(1500);

    private final TaskScheduler scheduler;
    private final Duration quiet;
    private final Duration maxWait;
    private final Runnable action;

    private Instant burstStart;
    private Instant lastSignal;
    private TaskScheduler.Cancellable pending;
    private boolean closed;

    public Debouncer(TaskScheduler scheduler, Duration quiet, Duration maxWait, Runnable action) {
        if (maxWait.compareTo(quiet) < 0) throw new IllegalArgumentException("maxWait < quiet");
        this.scheduler = scheduler;
        this.quiet = quiet;
        this.maxWait = maxWait;
        this.action = action;
    }

    /** Something happened. */
    public synchronized void signal() {
        if (closed) return;
        Instant now = scheduler.now();
        if (burstStart == null) burstStart = now;
        lastSignal = now;
        if (pending == null) arm(quiet);
    }

    private void arm(Duration delay) {
        pending = scheduler.schedule(delay, this::fire);
    }

    private void fire() {
        synchronized (this) {
            pending = null;
            if (closed || burstStart == null) return;
            Instant now = scheduler.now();
            Instant dueQuiet = lastSignal.plus(quiet);
            Instant dueMax = burstStart.plus(maxWait);
            Instant due = dueQuiet.isBefore(dueMax) ? dueQuiet : dueMax;
            if (now.isBefore(due)) {
                arm(Duration.between(now, due));
                return;
            }
            burstStart = null;
            lastSignal = null;
        }
        action.run();
    }

    /** Drops any pending action; later signals are ignored. */
    public synchronized void close() {
        closed = true;
        if (pending != null) pending.cancel();
        pending = null;
    }
}
