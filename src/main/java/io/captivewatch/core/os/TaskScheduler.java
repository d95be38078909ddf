package io.captivewatch.core.os;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Clock plus a single-threaded task queue: the monitor and the network watcher run all their state changes
 * as tasks here, so they need no locks, and tests drive time with a fake implementation (no sleeps).
 * Tasks run one at a time, in due order.
 */
public interface TaskScheduler extends AutoCloseable {

    /** A scheduled task that can be cancelled. */
    interface Cancellable {
        void cancel();
    }

    /** Now, on this scheduler's clock. */
    Instant now();

    /** Runs {@code task} after {@code delay} (zero or negative: as soon as possible). */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} as soon as possible. */
    default void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    /** Stops running tasks; pending ones are dropped. */
    @Override
    void close();

    /** A real scheduler: one daemon thread named {@code name}, the system clock. */
    static TaskScheduler system(String name) {
        ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        return new TaskScheduler() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable task) {
                Runnable safe = () -> {
                    try {
                        task.run();
                    } catch (RuntimeException | Error e) {
                        Thread t = Thread.currentThread();
                        t.getUncaughtExceptionHandler().uncaughtException(t, e);
                    }
                };
                try {
                    long nanos = Math.max(0, delay.toNanos());
                    ScheduledFuture<?> f = ses.schedule(safe, nanos, TimeUnit.NANOSECONDS);
                    return () -> f.cancel(false);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    return () -> {};
                }
            }

            @Override
            public void close() {
                ses.shutdownNow();
            }
        };
    }
}
