package io.captivewatch.core.extract;

/**
 * How much work reading a portal's answers for login links may take: a number of steps (about one per
 * character scanned or element visited) and, optionally, a deadline on {@link System#nanoTime()}. The
 * extractor spends it as it goes; once it runs out, extraction stops and returns what it found so far,
 * and {@link #exhausted()} says so (the classifier turns that into a warning).
 *
 * <p>The step count makes the bound independent of the machine's speed (and testable without a clock);
 * the deadline lets a check's timeout cover extraction too. One budget serves one classification, on one
 * thread: not thread-safe.
 */
public final class ExtractionBudget {
    /**
     * Steps for one classification without another limit. Extraction is linear in what it reads: a
     * response is at most {@link BodyText#MAX_DECODED} characters, read a few times over (HTML parse,
     * scripts, handlers), for every probe and hop of a check; this leaves room for that many times over.
     */
    public static final long DEFAULT_STEPS = 64L * BodyText.MAX_DECODED;

    /** How often (in steps) the clock is looked at when there is a deadline. */
    private static final long CLOCK_EVERY = 4096;

    private final long maxSteps;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private long steps;
    private long nextClock = CLOCK_EVERY;
    private boolean exhausted;

    private ExtractionBudget(long maxSteps, boolean hasDeadline, long deadlineNanos) {
        if (maxSteps < 0) throw new IllegalArgumentException("maxSteps < 0");
        this.maxSteps = maxSteps;
        this.hasDeadline = hasDeadline;
        this.deadlineNanos = deadlineNanos;
    }

    /** {@link #DEFAULT_STEPS}, no deadline: what a pure classification ({@code analyze}, tests) gets. */
    public static ExtractionBudget standard() {
        return steps(DEFAULT_STEPS);
    }

    /** At most {@code maxSteps}, no deadline. */
    public static ExtractionBudget steps(long maxSteps) {
        return new ExtractionBudget(maxSteps, false, 0);
    }

    /** {@link #DEFAULT_STEPS}, and nothing after {@code deadlineNanos} (a {@link System#nanoTime()} value). */
    public static ExtractionBudget until(long deadlineNanos) {
        return new ExtractionBudget(DEFAULT_STEPS, true, deadlineNanos);
    }

    /**
     * Spends {@code n} steps; false once the budget is exhausted (then and on every later call). A caller
     * that gets false stops and keeps what it found.
     */
    public boolean spend(long n) {
        if (exhausted) return false;
        steps += Math.max(0, n);
        if (steps > maxSteps) {
            exhausted = true;
        } else if (hasDeadline && steps >= nextClock) {
            nextClock = steps + CLOCK_EVERY;
            if (System.nanoTime() - deadlineNanos >= 0) exhausted = true;
        }
        return !exhausted;
    }

    /** Whether {@link #spend} has said no: extraction stopped early and its results may be incomplete. */
    public boolean exhausted() {
        return exhausted;
    }

    /** Steps spent so far. */
    public long steps() {
        return steps;
    }
}
