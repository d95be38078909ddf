package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.detect.KnownPortal;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.network.NetworkWatcher;
import io.captivewatch.core.os.TaskScheduler;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.url.WebUrl;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
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
 * {@link MonitorPhase} (idle, waiting, checking, paused, stopped: the transitions are there),
 * {@link CheckSchedule} (online ±10%, captive interval, offline backoff; never two checks at once: a request during
 * a check becomes one follow-up right after it; a result from before a network change is redone),
 * {@link PromptPolicy} ({@link MonitorListener#promptLogin} once per portal episode per network, 30 s cooldown,
 * {@link PopupBehaviour} and the per-network choices; {@link #signIn()} always prompts; {@link
 * MonitorListener#portalCleared} when online after a portal), {@link SessionTimers} (the RFC 8908 session in
 * {@link MonitorState#session()}: {@link MonitorListener#sessionExpiring} once per session, a check at its end) and
 * {@link SettingsWriter} (the monitor is the settings' only writer: {@link #setNeverPrompt}, {@link #setAlwaysOpen},
 * {@link #updateSettings} apply a function to the settings current on the monitor thread and save them through the
 * {@link Persister}, so changes from different places never undo each other).
 *
 * <p>Checks run at {@link #start()}, on every network change (after the connection-reset hook), when planned and on
 * {@link #checkNow()}. Threading: all state lives on one scheduler thread ({@link TaskScheduler}); checks run on a
 * separate check executor. Listeners are called on the scheduler thread. Public methods may be called from any thread.
 */
public final class Monitor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Monitor.class.getName());
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** See {@link PromptPolicy#DEFAULT_COOLDOWN}. */
    public static final Duration DEFAULT_PROMPT_COOLDOWN = PromptPolicy.DEFAULT_COOLDOWN;
    /** Network activity is reported to listeners at most this often: see {@link MonitorListeners#ACTIVITY_QUIET}. */
    public static final Duration ACTIVITY_QUIET = MonitorListeners.ACTIVITY_QUIET;

    private final CheckFunction checker;
    private final NetworkWatcher watcher;
    private final TaskScheduler scheduler;
    private final Executor checkExecutor;
    private final Runnable onClose;
    private final Runnable resetConnections;
    private final DoubleSupplier random;
    private final Duration checkTimeout;
    private final List<ProbeSpec> probeOverride;
    private final MonitorListeners listeners = new MonitorListeners();
    /** Written on the scheduler thread, and by {@link #close()} (to Stopped) from any thread. */
    private final AtomicReference<MonitorPhase> phase = new AtomicReference<>(MonitorPhase.IDLE);
    private final CheckSchedule schedule;
    private final PromptPolicy prompts;
    private final SessionTimers session;
    private final SettingsWriter settings;

    // ---- touched only on the scheduler thread ----
    private NetworkIdentity network;
    private final LastResult last = new LastResult();
    private volatile Future<?> runningCheck;
    private volatile MonitorState state = new MonitorState(false, false, null, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    Monitor(MonitorBuilder b, TaskScheduler scheduler, Executor checkExecutor, Runnable onClose) {
        this.checker = Objects.requireNonNull(b.checker, "checker");
        this.watcher = b.watcher == null ? NetworkWatcher.none() : b.watcher;
        this.resetConnections = b.resetConnections == null ? () -> {} : b.resetConnections;
        this.random = b.random == null ? Math::random : b.random;
        this.checkTimeout = b.checkTimeout == null ? DEFAULT_CHECK_TIMEOUT : b.checkTimeout;
        this.probeOverride = b.probes == null || b.probes.isEmpty() ? null : List.copyOf(b.probes);
        this.scheduler = scheduler;
        this.checkExecutor = checkExecutor;
        this.onClose = onClose;
        this.schedule = new CheckSchedule(scheduler);
        this.prompts = new PromptPolicy(b.promptCooldown == null ? DEFAULT_PROMPT_COOLDOWN : b.promptCooldown);
        this.session = new SessionTimers(scheduler, this::isClosed, s -> fire(l -> l.sessionExpiring(s)), this::checkWhenDue);
        this.settings = new SettingsWriter(b.settings == null ? Settings.defaults() : b.settings,
                b.persist == null ? s -> {} : b.persist, () -> {
                    if (phase().isStarted() && !phase().isChecking()) scheduleNext();
                });
    }

    /** Everything injectable: scheduler/clock, check executor, randomness, hooks. */
    public static MonitorBuilder builder(CheckFunction checker) {
        return new MonitorBuilder(checker);
    }

    /** Saves settings the monitor changed (e.g. {@code SettingsStore::save}); called on the monitor thread. */
    @FunctionalInterface
    public interface Persister {
        void save(Settings settings) throws IOException;
    }

    // ------------------------------------------------------------------ public API (any thread)

    public void addListener(MonitorListener l) {
        listeners.add(l);
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

    /** Checks as soon as possible (after the running check, if any); also ends a pause. A full check, never first-hop only. */
    public void checkNow() {
        post(() -> {
            if (phase().isPaused()) endPause();
            last.askFull();
            requestCheck();
        });
    }

    /**
     * The computer woke from suspend (issue #17: logind's {@code PrepareForSleep(false)}): the network may be another one
     * or the portal's session may have ended meanwhile, so this is treated like a possible network change: connections
     * and the cached API discovery are dropped, a check that began before the sleep is thrown away, and a full check
     * starts now (after a running one). A user's pause is kept (its end checks anyway); the portal episode is not
     * ended here (a real change of network does that when the watcher reports it).
     */
    public void wokeUp() {
        post(() -> {
            if (isClosed()) return;
            schedule.networkChanged();
            resetConnectionsQuietly();
            last.askFull();
            requestCheck();
        });
    }

    /**
     * A page in the login window finished loading, or a new one was asked for (a form sent, a link followed): while a
     * portal is known the user may be through it, so check soon, as Android and GNOME do on each page of their login
     * view. Debounced ({@link CheckSchedule#pageCheckWait}: at most one check start per {@link
     * CheckSchedule#PAGE_CHECK_GAP}) and never two checks at once (during a check it becomes the one follow-up). Not
     * captive, paused or stopped: nothing.
     */
    public void loginPageActivity() {
        post(this::onLoginPageActivity);
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
            Classification c = last.classification();
            WebUrl url = PromptPolicy.promptUrl(c, probes());
            if (url == null) return;
            fire(l -> l.promptLogin(new LoginPrompt(url, c, network, false, false)));
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
        if (isClosed()) return SettingsWriter.closed(done);
        post(() -> {
            if (isClosed()) SettingsWriter.closed(done);
            else settings.update(change, this::publish, done); // monitor.settings() shows them before anyone hears about it
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
        return CheckRun.probesFor(s);
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
        listeners.networkActivity(scheduler.now());
    }

    private void onLoginPageActivity() {
        MonitorPhase p = phase();
        if (p.isStopped() || !p.isStarted() || p.isPaused()) return;
        if (!last.isCaptive()) return; // only while a portal is known
        if (p.isChecking()) {
            move(MonitorPhase::followUpRequested);
            return;
        }
        if (schedule.planPageCheck(this::checkWhenDue)) startCheck();
    }

    private void onNetworkChange(NetworkChange change) {
        if (isClosed()) return;
        network = change.network();
        schedule.networkChanged();
        prompts.networkChanged();
        session.networkChanged(); // the session belonged to the network we left
        if (change.kind() != NetworkChange.Kind.JOINED) listeners.burstEnded(); // a join after this is new activity
        fire(l -> l.networkChanged(change));
        resetConnectionsQuietly();
        requestCheck();
    }

    /** Runs the connection reset hook; a failing hook is logged, never thrown. */
    private void resetConnectionsQuietly() {
        try {
            resetConnections.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection reset hook failed", e);
        }
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
        schedule.checkStarted(scheduler.now());
        List<ProbeSpec> probes = probes();
        // while this network's portal is known, re-checks decide from the first hop (the login page is not read again)
        Optional<KnownPortal> known = last.knownFor(generation);
        Runnable job = CheckRun.of(checker, probes, checkTimeout, known, c -> post(() -> finishCheck(c, generation)));
        publish();
        try {
            if (checkExecutor instanceof ExecutorService es) runningCheck = es.submit(job);
            else checkExecutor.execute(job);
        } catch (RuntimeException e) { // rejected: shutting down
            move(MonitorPhase::checkFinished);
        }
    }

    private void finishCheck(Classification c, long generation) {
        boolean followUp = move(MonitorPhase::checkFinished).followUp();
        runningCheck = null;
        if (isClosed()) return;
        boolean stale = schedule.isStale(generation);
        if (c != null && !stale) {
            last.record(c, generation, scheduler.now());
            session.update(c, last.at());
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
        if (isClosed() || phase().isPaused() || last.classification() == null) return;
        schedule.planNext(schedule.waitAfter(last.classification().verdict(), settings.current(), random.getAsDouble()), this::checkWhenDue);
    }

    /** A planned check is due (a timer's task, outside {@link #post}). */
    private void checkWhenDue() {
        requestCheck();
        publish();
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
        return new MonitorState(p.isChecking(), p.isPaused(), p.pausedUntil(), Optional.ofNullable(last.classification()),
                Optional.ofNullable(last.at()), Optional.ofNullable(next), Optional.ofNullable(network),
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
        listeners.fire(call);
    }
}
