package io.captivewatch.core.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * What the {@link Monitor} is doing, immutable. All phase changes are the methods below: a reader sees here what
 * moves the monitor from one phase to another.
 *
 * <pre>
 *   Idle ──start──> Waiting ──checkStarted──> Checking(followUp) ──checkFinished──> Waiting
 *                                               └─followUpRequested─> Checking(true)
 *   any ──paused(until)──> Paused(until, under) ──resumed──> under
 *   any ──stopped──> Stopped(under)                               (for good)
 * </pre>
 *
 * Paused and Stopped lie over the phase beneath them ({@code under}): a check that was running when the pause
 * (or close) came still finishes ({@code checkFinished} moves {@code under} to Waiting), and {@code start} may come
 * during a pause. What the network looks like (online / captive / offline) is not a phase: it is the last check's
 * verdict, which decides the next wait ({@link CheckSchedule}) and the portal episode ({@link PromptPolicy}).
 */
public sealed interface MonitorPhase {

    /** Built, {@code start()} not yet run: no checks. */
    record Idle() implements MonitorPhase {}

    /** Started, no check running: the next one is planned by {@link CheckSchedule} (or by the session's end). */
    record Waiting() implements MonitorPhase {}

    /** A check runs (never two at once); {@code followUp}: one more was asked for meanwhile and runs right after. */
    record Checking(boolean followUp) implements MonitorPhase {}

    /** No checks planned or started until {@code until}; {@code under} goes on beneath (a running check finishes). */
    record Paused(Instant until, MonitorPhase under) implements MonitorPhase {
        public Paused {
            Objects.requireNonNull(until, "until");
            if (under instanceof Paused || under instanceof Stopped) throw new IllegalArgumentException("nested " + under);
        }
    }

    /** Closed, for good: nothing new starts; {@code under} only records what was left to finish. */
    record Stopped(MonitorPhase under) implements MonitorPhase {
        public Stopped {
            if (under instanceof Stopped) throw new IllegalArgumentException("nested " + under);
        }
    }

    MonitorPhase IDLE = new Idle();
    MonitorPhase WAITING = new Waiting();

    // ---------------------------------------------------------------- transitions

    /** {@code start()}: Idle becomes Waiting (also beneath a pause). */
    default MonitorPhase started() {
        return map(p -> p instanceof Idle ? WAITING : p);
    }

    /** A check begins. */
    default MonitorPhase checkStarted() {
        return map(p -> new Checking(false));
    }

    /** A check was asked for while one runs: it runs right after. */
    default MonitorPhase followUpRequested() {
        return map(p -> p instanceof Checking ? new Checking(true) : p);
    }

    /** The running check finished (or could not be started). */
    default MonitorPhase checkFinished() {
        return map(p -> p instanceof Checking ? WAITING : p);
    }

    /** Pause (or extend / shorten a pause) until {@code until}. */
    default MonitorPhase paused(Instant until) {
        if (this instanceof Stopped s) return new Stopped(s.under().paused(until));
        return new Paused(until, this instanceof Paused p ? p.under() : this);
    }

    /** The pause ended (by time, or the user). */
    default MonitorPhase resumed() {
        if (this instanceof Stopped s) return new Stopped(s.under().resumed());
        return this instanceof Paused p ? p.under() : this;
    }

    /** Closed. */
    default MonitorPhase stopped() {
        return this instanceof Stopped ? this : new Stopped(this);
    }

    // ---------------------------------------------------------------- what the phase says

    default boolean isStopped() {
        return this instanceof Stopped;
    }

    default boolean isPaused() {
        return pausedUntil() != null;
    }

    /** When the pause ends, null when not paused. */
    default Instant pausedUntil() {
        if (this instanceof Stopped s) return s.under().pausedUntil();
        return this instanceof Paused p ? p.until() : null;
    }

    /** {@code start()} has run (and the monitor was not closed before). */
    default boolean isStarted() {
        return !(innermost() instanceof Idle);
    }

    /** A check is running. */
    default boolean isChecking() {
        return innermost() instanceof Checking;
    }

    /** A check is running and one more was asked for. */
    default boolean followUp() {
        return innermost() instanceof Checking c && c.followUp();
    }

    /** The phase beneath any pause or stop. */
    default MonitorPhase innermost() {
        if (this instanceof Stopped s) return s.under().innermost();
        if (this instanceof Paused p) return p.under();
        return this;
    }

    /** Applies {@code f} to the innermost phase, keeping any pause / stop over it. */
    private MonitorPhase map(java.util.function.UnaryOperator<MonitorPhase> f) {
        if (this instanceof Stopped s) return new Stopped(s.under().map(f));
        if (this instanceof Paused p) return new Paused(p.until(), f.apply(p.under()));
        return f.apply(this);
    }
}
