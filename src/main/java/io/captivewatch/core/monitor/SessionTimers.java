package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.os.TaskScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The session the captive-portal API (RFC 8908) announced (not captive, with seconds-remaining) and its two timers:
 * the warning shortly before the end ({@link #warningLead}, once per session) and a check at the end. Used on the
 * monitor thread only; the timers may also be cancelled from {@code close()}.
 */
final class SessionTimers {
    /** The session warning comes at most this long before the session ends ... */
    static final Duration WARNING_MAX = Duration.ofSeconds(120);
    /** ... 10% of the remaining time, but at least this long before. */
    static final Duration WARNING_MIN = Duration.ofSeconds(5);
    /**
     * Expiry times from consecutive checks that differ by at most this much are the same session (seconds-remaining
     * is whole seconds and checks take time): no second warning. A larger change is a new session.
     */
    static final Duration TOLERANCE = Duration.ofSeconds(5);
    /** The check at a session's end comes at least this long after the check that announced it (a broken API saying "1 s left" every time must not make the monitor spin). */
    static final Duration MIN_RECHECK = Duration.ofSeconds(2);

    private final TaskScheduler scheduler;
    private final BooleanSupplier stopped;
    private final Consumer<SessionInfo> warn;
    private final Runnable endCheck;
    private SessionInfo session;
    private Instant warnAt;
    private boolean warned;
    /** The end of the last session warned about on this network: an offline blip between two checks must not warn twice. */
    private Instant warnedExpiresAt;
    private Instant endCheckAt;
    private volatile TaskScheduler.Cancellable warnTask;
    private volatile TaskScheduler.Cancellable endTask;

    /**
     * @param warn     called with the session when its warning is due
     * @param endCheck called at the session's end (to ask for a check)
     */
    SessionTimers(TaskScheduler scheduler, BooleanSupplier stopped, Consumer<SessionInfo> warn, Runnable endCheck) {
        this.scheduler = scheduler;
        this.stopped = stopped;
        this.warn = warn;
        this.endCheck = endCheck;
    }

    /** How long before a session's end the warning comes, for a session with {@code remaining} left when announced. */
    static Duration warningLead(Duration remaining) {
        Duration lead = remaining.dividedBy(10);
        if (lead.compareTo(WARNING_MAX) > 0) lead = WARNING_MAX;
        if (lead.compareTo(WARNING_MIN) < 0) lead = WARNING_MIN;
        return lead;
    }

    /** Two session ends this close are the same session. */
    static boolean sameEnd(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(TOLERANCE) <= 0;
    }

    /** A check finished at {@code now}: keep, renew or forget the session, and (re)plan its timers. */
    void update(Classification c, Instant now) {
        Optional<SessionInfo> found = c.verdict() == Verdict.CAPTIVE ? Optional.empty()
                : c.capport().flatMap(cs -> SessionInfo.from(cs, now));
        if (found.isEmpty()) {
            clear();
            return;
        }
        SessionInfo n = found.get();
        if (session == null || !sameEnd(session.expiresAt(), n.expiresAt())) { // a new session
            Duration remaining = Duration.between(now, n.expiresAt());
            // already over, or already warned about (before a check that saw no session): nothing to warn about
            warned = remaining.isZero() || (warnedExpiresAt != null && sameEnd(warnedExpiresAt, n.expiresAt()));
            warnAt = n.expiresAt().minus(warningLead(remaining));
        }
        session = n;
        cancelTasks();
        if (!warned) warnTask = scheduler.schedule(Duration.between(now, warnAt), this::warnDue);
        if (n.expiresAt().isAfter(now)) {
            Instant at = n.expiresAt();
            if (at.isBefore(now.plus(MIN_RECHECK))) at = now.plus(MIN_RECHECK);
            endCheckAt = at;
            endTask = scheduler.schedule(Duration.between(now, at), () -> {
                endTask = null;
                endCheckAt = null;
                endCheck.run();
            });
        }
    }

    private void warnDue() {
        warnTask = null;
        if (stopped.getAsBoolean() || session == null || warned) return;
        warned = true;
        warnedExpiresAt = session.expiresAt();
        warn.accept(session);
    }

    /** No session any more (its timers cancelled). */
    void clear() {
        cancelTasks();
        session = null;
        warnAt = null;
        warned = false;
    }

    /** A new network: the session, and the memory of warnings, belonged to the one we left. */
    void networkChanged() {
        clear();
        warnedExpiresAt = null;
    }

    /** The current session, null when none. */
    SessionInfo session() {
        return session;
    }

    /** When the session's end check is due, null when none is planned. */
    Instant endCheckAt() {
        return endCheckAt;
    }

    private void cancelTasks() {
        if (warnTask != null) warnTask.cancel();
        if (endTask != null) endTask.cancel();
        warnTask = null;
        endTask = null;
        endCheckAt = null;
    }

    /** {@code close()}: cancels both timers (any thread). */
    void cancelTimers() {
        for (TaskScheduler.Cancellable c : new TaskScheduler.Cancellable[] {warnTask, endTask}) {
            if (c != null) c.cancel();
        }
    }
}
