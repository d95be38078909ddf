package io.captivewatch.core.os;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Virtual time for tests: tasks run only when the test calls {@link #advance} / {@link #runDue}, in due
 * order, on the test's thread, with {@link #now()} set to each task's due time. No sleeps anywhere.
 */
public final class FakeScheduler implements TaskScheduler {
    private static final class Task implements Comparable<Task> {
        final Instant due;
        final long seq;
        final Runnable run;
        volatile boolean cancelled;

        Task(Instant due, long seq, Runnable run) {
            this.due = due;
            this.seq = seq;
            this.run = run;
        }

        @Override
        public int compareTo(Task o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant now;
    private long seq;
    private boolean closed;
    private int executed;

    public FakeScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public FakeScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        if (closed) return () -> {};
        Instant due = delay.isNegative() ? now : now.plus(delay);
        Task t = new Task(due, seq++, task);
        queue.add(t);
        return () -> t.cancelled = true;
    }

    /** Runs every task due up to now + {@code d} (including ones they schedule), then sets now to that time. */
    public void advance(Duration d) {
        Instant target;
        synchronized (this) {
            target = now.plus(d);
        }
        int guard = 0;
        while (true) {
            Task t;
            synchronized (this) {
                t = queue.peek();
                if (t == null || t.due.isAfter(target)) break;
                queue.poll();
                if (t.cancelled) continue;
                if (t.due.isAfter(now)) now = t.due;
                executed++;
            }
            if (++guard > 1_000_000) throw new AssertionError("runaway task loop");
            t.run.run();
        }
        synchronized (this) {
            if (target.isAfter(now)) now = target;
        }
    }

    /** Runs what is due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks not cancelled and not yet run. */
    public synchronized long pending() {
        return queue.stream().filter(t -> !t.cancelled).count();
    }

    public synchronized int executed() {
        return executed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
    }
}
