package io.captivewatch.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for tests: wait for a condition instead of sleeping a guessed time. */
public final class Await {
    private static final long POLL_MS = 10;

    private Await() {}

    /** Polls {@code condition} every 10 ms until it holds; fails the test if it does not within {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout) {
        until("condition", condition, timeout);
    }

    /** Like {@link #until(BooleanSupplier, Duration)}, naming what was awaited in the failure message. */
    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        if (!holdsWithin(condition, timeout)) {
            throw new AssertionError(what + " did not hold within " + timeout.toMillis() + " ms");
        }
    }

    /** Polls until {@code condition} holds or {@code timeout} passes; returns whether it held. */
    public static boolean holdsWithin(BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) return true;
            if (System.nanoTime() - end >= 0) return false;
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + condition, e);
            }
        }
    }
}
