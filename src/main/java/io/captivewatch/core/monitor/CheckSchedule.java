package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.os.TaskScheduler;
import io.captivewatch.core.settings.Settings;

import java.time.Duration;
import java.time.Instant;

/**
 * When the next check comes: the wait after each verdict (online ±{@link #JITTER}, captive interval, offline backoff
 * from {@link #BACKOFF_START} doubling up to {@code offlineBackoffMax}), the one planned check and the pause's end
 * timer, and the overlap / stale-result rules ({@link #afterCheck}). Used on the monitor thread only; the timers
 * may also be cancelled from {@code close()}.
 */
final class CheckSchedule {
    /** First wait after an offline/limited result; doubles up to {@code offlineBackoffMax}. */
    static final Duration BACKOFF_START = Duration.ofSeconds(5);
    /**
     * Checks asked for by the login window's pages ({@code Monitor.loginPageActivity}) start at most this often: a
     * sign-in is a burst of page loads (redirects, frames), one check per burst is enough.
     */
    static final Duration PAGE_CHECK_GAP = Duration.ofMillis(200);
    /** Online re-checks vary by this fraction either way, so many machines do not probe in lockstep. */
    static final double JITTER = 0.10;

    /** What to do when a check has finished. */
    enum AfterCheck {
        /** Start another check at once (one was asked for meanwhile, or the result is stale). */
        CHECK_AGAIN,
        /** Plan the next check from the verdict. */
        PLAN_NEXT,
        /** Nothing: paused, and the pause's end checks anyway. */
        NOTHING
    }

    private final TaskScheduler scheduler;
    private int backoffStep;
    /** Counts network changes: a result of a check started before the last change is stale. */
    private long generation;
    private Instant nextAt;
    private Instant lastStarted;
    private volatile TaskScheduler.Cancellable nextTask;
    private volatile TaskScheduler.Cancellable resumeTask;

    CheckSchedule(TaskScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * The rule after a check: a follow-up request, a stale result (the network changed while it ran) or an
     * interrupted check ({@code interrupted}: no result) call for another check, unless paused; an interrupted
     * check that is not stale (closing, executor shutdown) just plans normally.
     */
    static AfterCheck afterCheck(boolean followUp, boolean stale, boolean interrupted, boolean paused) {
        if (!(followUp || stale || interrupted)) return AfterCheck.PLAN_NEXT;
        if (paused) return AfterCheck.NOTHING;
        return interrupted && !stale ? AfterCheck.PLAN_NEXT : AfterCheck.CHECK_AGAIN;
    }

    /** How long a check asked for by a login page waits: none when the last check started {@link #PAGE_CHECK_GAP} ago or more. */
    static Duration pageCheckWait(Instant lastStarted, Instant now) {
        if (lastStarted == null) return Duration.ZERO;
        Duration since = Duration.between(lastStarted, now);
        return since.compareTo(PAGE_CHECK_GAP) >= 0 ? Duration.ZERO : PAGE_CHECK_GAP.minus(since);
    }

    /**
     * Plans the check a login page asks for, {@link #pageCheckWait} from now: true when it is due at once (the caller
     * starts it); nothing when a check is planned as soon or sooner already.
     */
    boolean planPageCheck(Runnable due) {
        Instant now = scheduler.now();
        Duration wait = pageCheckWait(lastStarted, now);
        if (wait.isZero()) return true;
        if (nextAt != null && !nextAt.isAfter(now.plus(wait))) return false; // one is planned sooner already
        planNext(wait, due);
        return false;
    }

    void checkStarted(Instant at) {
        lastStarted = at;
    }

    /** When the last check started, null before the first. */
    Instant lastStarted() {
        return lastStarted;
    }

    /** The wait after a check that said {@code v}; moves the offline backoff on (or resets it). */
    Duration waitAfter(Verdict v, Settings settings, double random) {
        return switch (v) {
            case ONLINE -> {
                backoffStep = 0;
                long base = settings.onlineInterval().toMillis();
                double factor = 1 + JITTER * (2 * random - 1);
                yield Duration.ofMillis(Math.round(base * factor));
            }
            case CAPTIVE -> {
                backoffStep = 0;
                yield settings.captiveInterval();
            }
            default -> {
                Duration max = settings.offlineBackoffMax();
                Duration wait = backoff(backoffStep, max);
                if (wait.compareTo(max) < 0) backoffStep++;
                yield wait;
            }
        };
    }

    /** The offline wait after {@code step} earlier offline results in a row: 5 s doubling, at most {@code max}. */
    static Duration backoff(int step, Duration max) {
        Duration wait = BACKOFF_START;
        for (int i = 0; i < step && wait.compareTo(max) < 0; i++) wait = wait.multipliedBy(2);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** A new network: fresh backoff, and results of checks started before are stale. */
    void networkChanged() {
        generation++;
        backoffStep = 0;
    }

    long generation() {
        return generation;
    }

    boolean isStale(long checkGeneration) {
        return checkGeneration != generation;
    }

    /** Plans the next check in {@code d} (replacing any planned one); {@code due} runs then. */
    void planNext(Duration d, Runnable due) {
        cancelNext();
        nextAt = scheduler.now().plus(d);
        nextTask = scheduler.schedule(d, () -> {
            nextTask = null;
            nextAt = null;
            due.run();
        });
    }

    void cancelNext() {
        if (nextTask != null) nextTask.cancel();
        nextTask = null;
        nextAt = null;
    }

    boolean hasNext() {
        return nextTask != null;
    }

    /** When the planned check is due, null when none. */
    Instant nextAt() {
        return nextAt;
    }

    /** The next check as shown: the planned one, or the session's end check when that comes first (not while paused). */
    static Instant shownNext(Instant planned, Instant sessionCheck, boolean paused) {
        if (sessionCheck != null && !paused && (planned == null || sessionCheck.isBefore(planned))) return sessionCheck;
        return planned;
    }

    /** Runs {@code end} after {@code d} (replacing an earlier pause's timer). */
    void planResume(Duration d, Runnable end) {
        cancelResume();
        resumeTask = scheduler.schedule(d, end);
    }

    void cancelResume() {
        if (resumeTask != null) resumeTask.cancel();
        resumeTask = null;
    }

    /** {@code close()}: cancels both timers (any thread). */
    void cancelTimers() {
        for (TaskScheduler.Cancellable c : new TaskScheduler.Cancellable[] {nextTask, resumeTask}) {
            if (c != null) c.cancel();
        }
    }
}
