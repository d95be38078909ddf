package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.network.NetworkWatcher;
import io.captivewatch.core.os.TaskScheduler;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.settings.Settings;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides when to check and when to show the login window: the coordinator, on one thread, of
 * {@link MonitorPhase} (what it is doing: idle, waiting, checking, paused, stopped), {@link CheckSchedule}
 * (when the next check comes), {@link PromptPolicy} (whether a portal opens the login window),
 * {@link SessionTimers} (the RFC 8908 session's warning and end check) and {@link SettingsWriter} (the one
 * writer of the settings).
 *
 * <p>Schedule: a check at {@link #start()}, on every network change (after calling the connection-reset hook),
 * every {@code onlineInterval} ±10% while online, with exponential backoff from 5 s up to
 * {@code offlineBackoffMax} while offline / limited / auth-required, every {@code captiveInterval} while captive.
 * Never two checks at once: a request during a check becomes one follow-up check right after it.
 *
 * <p>Prompts: {@link MonitorListener#promptLogin} once per portal episode per network (the episode ends when
 * the verdict leaves CAPTIVE or the network changes), honouring {@link PopupBehaviour} and the per-network
 * "never prompt" / "always open"; {@link #signIn()} always prompts. {@link MonitorListener#portalCleared} when
 * the network is online after a portal was seen.
 *
 * <p>Session: when the last check's captive-portal API answer (RFC 8908) says "not captive" with
 * seconds-remaining, {@link MonitorState#session()} says when the session ends; shortly before
 * ({@link #sessionWarningLead}) listeners get {@link MonitorListener#sessionExpiring} once per session, and at
 * the end a check runs (in addition to the normal schedule, coalesced with it like every other request).
 *
 * <p>Settings: the monitor is their only writer. Every change ({@link #setNeverPrompt}, {@link #setAlwaysOpen},
 * {@link #updateSettings}) is a function applied to the settings current on the monitor thread and saved there
 * through the {@link Persister}, so changes from different places (tray menu, settings window) never undo each other.
 *
 * <p>Threading: all state lives on one scheduler thread ({@link TaskScheduler}); checks run on a separate check
 * executor. Listeners are called on the scheduler thread. Public methods may be called from any thread.
 */
public final class Monitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Monitor.class.getName());
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** See {@link PromptPolicy#DEFAULT_COOLDOWN}. */
    public static final Duration DEFAULT_PROMPT_COOLDOWN = PromptPolicy.DEFAULT_COOLDOWN;
    /** The session warning comes at most this long before the session ends (see {@link #sessionWarningLead}). */
    public static final Duration SESSION_WARNING_MAX = SessionTimers.WARNING_MAX;
    /** ... and at least this long before. */
    public static final Duration SESSION_WARNING_MIN = SessionTimers.WARNING_MIN;
    /**
     * Network activity is reported to listeners at most this often: a join is a burst of hints (addresses,
     * routes, IPv6) and one report is enough. What listeners start on it must bound itself (the prepared login
     * process ends after 30 s unused).
     */
    public static final Duration ACTIVITY_QUIET = Duration.ofSeconds(5);

    private final CheckFunction checker;
    private final NetworkWatcher watcher;
    private final TaskScheduler scheduler;
    private final Executor checkExecutor;
    private final Runnable onClose;
    private final Runnable resetConnections;
    private final DoubleSupplier random;
    private final Duration checkTimeout;
    private final List<ProbeSpec> probeOverride;
    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
    /** Written on the scheduler thread, and by {@link #close()} (to Stopped) from any thread. */
    private final AtomicReference<MonitorPhase> phase = new AtomicReference<>(MonitorPhase.IDLE);
    private final CheckSchedule schedule;
    private final PromptPolicy prompts;
    private final SessionTimers session;
    private final SettingsWriter settings;

    // ---- touched only on the scheduler thread ----
    private NetworkIdentity network;
    private Classification last;
    private Instant lastCheck;
    private Instant lastActivity; // last networkActivity fired
    private volatile Future<?> runningCheck;
    private volatile MonitorState state = new MonitorState(false, false, null, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    private Monitor(Builder b) {
        this.checker = Objects.requireNonNull(b.checker, "checker");
        this.watcher = b.watcher == null ? NetworkWatcher.none() : b.watcher;
        this.resetConnections = b.resetConnections == null ? () -> {} : b.resetConnections;
        this.random = b.random == null ? Math::random : b.random;
        this.checkTimeout = b.checkTimeout == null ? DEFAULT_CHECK_TIMEOUT : b.checkTimeout;
        this.probeOverride = b.probes == null || b.probes.isEmpty() ? null : List.copyOf(b.probes);
        List<Runnable> closers = new ArrayList<>();
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
        } else {
            this.scheduler = TaskScheduler.system("captivewatch-monitor");
            closers.add(scheduler::close);
        }
        if (b.checkExecutor != null) {
            this.checkExecutor = b.checkExecutor;
        } else {
            ExecutorService es = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "captivewatch-check");
                t.setDaemon(true);
                return t;
            });
            this.checkExecutor = es;
            closers.add(es::shutdownNow);
        }
        this.onClose = () -> closers.forEach(Runnable::run);
        this.schedule = new CheckSchedule(scheduler);
        this.prompts = new PromptPolicy(b.promptCooldown == null ? DEFAULT_PROMPT_COOLDOWN : b.promptCooldown);
        this.session = new SessionTimers(scheduler, this::isClosed, s -> fire(l -> l.sessionExpiring(s)), () -> {
            requestCheck();
            publish();
        });
        this.settings = new SettingsWriter(b.settings == null ? Settings.defaults() : b.settings,
                b.persist == null ? s -> {} : b.persist, () -> {
                    if (phase().isStarted() && !phase().isChecking()) scheduleNext();
                });
    }

    /** Everything injectable: scheduler/clock, check executor, randomness, hooks. */
    public static Builder builder(CheckFunction checker) {
        return new Builder(checker);
    }

    /** Saves settings the monitor changed (e.g. {@code SettingsStore::save}); called on the monitor thread. */
    @FunctionalInterface
    public interface Persister {
        void save(Settings settings) throws IOException;
    }

    /** Builder for {@link Monitor}. Unset parts get production defaults. */
    public static final class Builder {
        private final CheckFunction checker;
        private NetworkWatcher watcher;
        private Settings settings;
        private Persister persist;
        private TaskScheduler scheduler;
        private Executor checkExecutor;
        private Runnable resetConnections;
        private DoubleSupplier random;
        private Duration checkTimeout;
        private List<ProbeSpec> probes;
        private Duration promptCooldown;

        private Builder(CheckFunction checker) {
            this.checker = checker;
        }

        public Builder network(NetworkWatcher w) { this.watcher = w; return this; }
        public Builder settings(Settings s) { this.settings = s; return this; }
        /** Called (on the monitor thread) with the new settings whenever the monitor changes them. */
        public Builder persist(Persister p) { this.persist = p; return this; }
        /** The clock and task queue (tests: a fake that runs due tasks when time is advanced). */
        public Builder scheduler(TaskScheduler s) { this.scheduler = s; return this; }
        /** Where checks run (default: one daemon thread; tests: a direct or manual executor). */
        public Builder checkExecutor(Executor e) { this.checkExecutor = e; return this; }
        /** Called on every network change before the check, e.g. {@code detector::resetConnections}. */
        public Builder onNetworkChange(Runnable r) { this.resetConnections = r; return this; }
        /** Uniform [0,1) source for the online jitter. */
        public Builder random(DoubleSupplier r) { this.random = r; return this; }
        public Builder checkTimeout(Duration d) { this.checkTimeout = d; return this; }
        /** Probes to use instead of the settings' list (e.g. from the command line). */
        public Builder probes(List<ProbeSpec> p) { this.probes = p; return this; }

        /** See {@link #DEFAULT_PROMPT_COOLDOWN}. */
        public Builder promptCooldown(Duration d) { this.promptCooldown = d; return this; }

        public Monitor build() {
            return new Monitor(this);
        }
    }

    // ------------------------------------------------------------------ public API (any thread)

    public void addListener(MonitorListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    public void removeListener(MonitorListener l) {
        listeners.remove(l);
    }

    /** Starts the network watcher and the first check. */
    public void start() {
        post(() -> {
            if (phase().isStarted() || isClosed()) return;
            move(MonitorPhase::started);
            watcher.onActivity(() -> post(this::onNetworkActivity));
            watcher.start(change -> post(() -> onNetworkChange(change)));
            network = watcher.current().orElse(null);
            requestCheck();
        });
    }

    /** Checks as soon as possible (after the running check, if any); also ends a pause. */
    public void checkNow() {
        post(() -> {
            if (phase().isPaused()) endPause();
            requestCheck();
        });
    }

    /** No scheduled checks for {@code d} (a running check still finishes). Network changes are remembered. */
    public void pause(Duration d) {
        post(() -> {
            if (isClosed()) return;
            Instant until = scheduler.now().plus(d);
            move(p -> p.paused(until));
            schedule.cancelNext();
            schedule.planResume(d, this::endPauseAndCheck);
            publish();
        });
    }

    /** Ends a pause at once and checks. */
    public void resume() {
        post(() -> {
            if (phase().isPaused()) endPauseAndCheck();
        });
    }

    /** The user asked to sign in: always emits {@code promptLogin} with {@code automatic = false}. */
    public void signIn() {
        post(() -> {
            URI url = PromptPolicy.promptUrl(last, probes());
            if (url == null) return;
            fire(l -> l.promptLogin(new LoginPrompt(url, last, network, false, false)));
        });
    }

    /**
     * Remembers (and saves) "never open the login window on its own on this network". Nobody waits for the outcome
     * (the tray shows the choice at once), so a failed save is logged and the choice still applies until the app quits.
     */
    public void setNeverPrompt(NetworkIdentity net, boolean never) {
        post(() -> settings.remember(s -> s.withNetwork(net.key(), s.network(net.key()).withNeverPrompt(never))));
    }

    /** Remembers (and saves) "always open the login window at once on this network"; like {@link #setNeverPrompt}. */
    public void setAlwaysOpen(NetworkIdentity net, boolean always) {
        post(() -> settings.remember(s -> s.withNetwork(net.key(), s.network(net.key()).withAlwaysOpen(always))));
    }

    /**
     * Applies {@code change} to the settings current on the monitor thread (so choices made elsewhere meanwhile, such as
     * the per-network ones, are kept unless {@code change} itself alters them), saves the result and re-plans the next
     * check. All or nothing: when saving fails, the settings stay as they were.
     *
     * @return completes (on the monitor thread) with the settings now in use once they are saved; fails with the
     * persister's exception (nothing changed), or with {@link IllegalStateException} when the monitor is closed
     */
    public CompletableFuture<Settings> updateSettings(UnaryOperator<Settings> change) {
        Objects.requireNonNull(change);
        CompletableFuture<Settings> done = new CompletableFuture<>();
        if (isClosed()) {
            done.completeExceptionally(new IllegalStateException("the monitor is closed"));
            return done;
        }
        post(() -> {
            if (isClosed()) {
                done.completeExceptionally(new IllegalStateException("the monitor is closed"));
                return;
            }
            Settings now;
            try {
                now = settings.update(change);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
                return;
            }
            publish(); // monitor.settings() shows them before anyone hears about it
            done.complete(now);
        });
        return done;
    }

    /** The settings in use (as of the last processed task). */
    public Settings settings() {
        return settings.view();
    }

    /** The current state; cheap, any thread. */
    public MonitorState state() {
        return state;
    }

    /** Stops checks, the watcher and the monitor's own threads. Idempotent. */
    @Override
    public void close() {
        if (move(MonitorPhase::stopped).isStopped()) return; // closed before
        schedule.cancelTimers();
        session.cancelTimers();
        Future<?> f = runningCheck;
        if (f != null) f.cancel(true);
        watcher.close();
        onClose.run();
    }

    /** How long before a session's end the warning comes, for a session with {@code remaining} left when announced. */
    public static Duration sessionWarningLead(Duration remaining) {
        return SessionTimers.warningLead(remaining);
    }

    /** The probes a check uses under {@code s}: its URLs (unusable ones skipped, with a warning), else the built-in ones. */
    public static List<ProbeSpec> probesFor(Settings s) {
        List<ProbeSpec> out = new ArrayList<>();
        for (String u : s.probes()) {
            try {
                out.add(ProbeSpec.parse(u));
            } catch (IllegalArgumentException e) {
                LOG.warning("ignoring probe " + u + ": " + e.getMessage());
            }
        }
        return out.isEmpty() ? ProbeSpec.defaults() : out;
    }

    // ------------------------------------------------------------------ scheduler thread

    private MonitorPhase phase() {
        return phase.get();
    }

    private boolean isClosed() {
        return phase.get().isStopped();
    }

    /** The one place the phase changes; returns the phase before. */
    private MonitorPhase move(UnaryOperator<MonitorPhase> transition) {
        return phase.getAndUpdate(transition);
    }

    private void post(Runnable r) {
        scheduler.execute(() -> {
            try {
                r.run();
            } finally {
                publish();
            }
        });
    }

    private void onNetworkActivity() {
        if (isClosed() || phase().isPaused()) return;
        Instant now = scheduler.now();
        if (lastActivity != null && Duration.between(lastActivity, now).compareTo(ACTIVITY_QUIET) < 0) return;
        lastActivity = now;
        fire(MonitorListener::networkActivity);
    }

    private void onNetworkChange(NetworkChange change) {
        if (isClosed()) return;
        network = change.network();
        schedule.networkChanged();
        prompts.networkChanged();
        session.networkChanged(); // the session belonged to the network we left
        fire(l -> l.networkChanged(change));
        try {
            resetConnections.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection reset hook failed", e);
        }
        requestCheck();
    }

    private void requestCheck() {
        MonitorPhase p = phase();
        if (p.isStopped() || !p.isStarted()) return;
        if (p.isPaused()) return; // the pause's end checks anyway
        if (p.isChecking()) {
            move(MonitorPhase::followUpRequested);
            return;
        }
        startCheck();
    }

    private void startCheck() {
        schedule.cancelNext();
        move(MonitorPhase::checkStarted);
        long generation = schedule.generation();
        List<ProbeSpec> probes = probes();
        Duration timeout = checkTimeout;
        Runnable job = () -> {
            Classification c;
            try {
                c = checker.check(probes, timeout);
                if (c == null) c = failed("the checker returned nothing");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c = null;
            } catch (RuntimeException | Error e) {
                LOG.warning("check failed: " + e);
                c = failed(e.toString());
            }
            Classification result = c;
            post(() -> finishCheck(result, generation));
        };
        publish();
        try {
            if (checkExecutor instanceof ExecutorService es) runningCheck = es.submit(job);
            else checkExecutor.execute(job);
        } catch (RuntimeException e) { // rejected: shutting down
            move(MonitorPhase::checkFinished);
        }
    }

    private static Classification failed(String why) {
        return new Classification(Verdict.OFFLINE, "The check itself failed: " + why, Optional.empty(),
                List.of(), List.of(), List.of(), Optional.empty());
    }

    private void finishCheck(Classification c, long generation) {
        boolean followUp = move(MonitorPhase::checkFinished).followUp();
        runningCheck = null;
        if (isClosed()) return;
        boolean stale = schedule.isStale(generation);
        if (c != null && !stale) {
            last = c;
            lastCheck = scheduler.now();
            session.update(c, lastCheck);
            publish();
            PromptPolicy.Decision d = prompts.onResult(c, network, settings.current(), scheduler.now(),
                    () -> PromptPolicy.promptUrl(c, probes()));
            if (d.portalCleared()) {
                MonitorState s = snapshotState();
                fire(l -> l.portalCleared(s));
            }
            d.prompt().ifPresent(p -> fire(l -> l.promptLogin(p)));
        }
        switch (CheckSchedule.afterCheck(followUp, stale, c == null, phase().isPaused())) {
            case CHECK_AGAIN -> startCheck();
            case PLAN_NEXT -> scheduleNext();
            case NOTHING -> { } // the pause's end checks anyway
        }
    }

    private void scheduleNext() {
        schedule.cancelNext();
        if (isClosed() || phase().isPaused() || last == null) return;
        schedule.planNext(schedule.waitAfter(last.verdict(), settings.current(), random.getAsDouble()), () -> {
            requestCheck();
            publish();
        });
    }

    private void endPause() {
        move(MonitorPhase::resumed);
        schedule.cancelResume();
    }

    private void endPauseAndCheck() {
        if (!phase().isPaused()) return;
        endPause();
        requestCheck();
        if (!phase().isChecking() && !schedule.hasNext()) scheduleNext();
    }

    private List<ProbeSpec> probes() {
        return probeOverride != null ? probeOverride : probesFor(settings.current());
    }

    private MonitorState snapshotState() {
        MonitorPhase p = phase();
        Instant next = CheckSchedule.shownNext(schedule.nextAt(), session.endCheckAt(), p.isPaused());
        return new MonitorState(p.isChecking(), p.isPaused(), p.pausedUntil(), Optional.ofNullable(last),
                Optional.ofNullable(lastCheck), Optional.ofNullable(next), Optional.ofNullable(network),
                Optional.ofNullable(session.session()));
    }

    private void publish() {
        settings.publish();
        MonitorState s = snapshotState();
        if (!s.equals(state)) {
            state = s;
            fire(l -> l.stateChanged(s));
        }
    }

    private void fire(Consumer<MonitorListener> call) {
        for (MonitorListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "monitor listener failed", e);
            }
        }
    }
}
