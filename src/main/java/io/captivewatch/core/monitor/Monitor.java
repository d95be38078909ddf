package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.network.NetworkWatcher;
import io.captivewatch.core.os.TaskScheduler;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.NetworkPrefs;
import io.captivewatch.core.settings.PopupBehaviour;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.url.SafeUrl;

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
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides when to check and when to show the login window.
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
    /** First wait after an offline/limited result; doubles up to {@code offlineBackoffMax}. */
    public static final Duration BACKOFF_START = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(10);
    /** Online re-checks vary by this fraction either way, so many machines do not probe in lockstep. */
    public static final double JITTER = 0.10;
    /**
     * After an automatic prompt on a network, no further automatic prompt there for this long unless the portal
     * was cleared in between: a flapping link (left / joined / left ...) must not pop the window up again and again.
     */
    public static final Duration DEFAULT_PROMPT_COOLDOWN = Duration.ofSeconds(30);
    /** The session warning comes at most this long before the session ends ... */
    public static final Duration SESSION_WARNING_MAX = Duration.ofSeconds(120);
    /** ... 10% of the remaining time, but at least this long before. */
    public static final Duration SESSION_WARNING_MIN = Duration.ofSeconds(5);
    /**
     * Expiry times from consecutive checks that differ by at most this much are the same session (seconds-remaining
     * is whole seconds and checks take time): no second warning. A larger change is a new session.
     */
    public static final Duration SESSION_TOLERANCE = Duration.ofSeconds(5);
    /** The check at a session's end comes at least this long after the check that announced it (a broken API saying "1 s left" every time must not make the monitor spin). */
    public static final Duration SESSION_MIN_RECHECK = Duration.ofSeconds(2);

    private final CheckFunction checker;
    private final NetworkWatcher watcher;
    private final TaskScheduler scheduler;
    private final Executor checkExecutor;
    private final Runnable onClose;
    private final Runnable resetConnections;
    private final Persister persist;
    private final DoubleSupplier random;
    private final Duration checkTimeout;
    private final List<ProbeSpec> probeOverride;
    private final Duration promptCooldown;
    /** The last automatic prompt (network key, "" when unknown) and when, for the cooldown. */
    private String lastPromptKey;
    private Instant lastPromptAt;
    private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();

    // ---- state: touched only on the scheduler thread ----
    private Settings settings;
    private NetworkIdentity network;
    private long networkGeneration;
    private Classification last;
    private Instant lastCheck;
    private boolean checking;
    private Instant lastActivity; // last networkActivity fired (scheduler thread)
    private boolean followUp;
    private volatile Future<?> runningCheck;
    private Instant pausedUntil;
    private volatile TaskScheduler.Cancellable nextTask;
    private volatile TaskScheduler.Cancellable resumeTask;
    private Instant nextAt;
    private int backoffStep;
    private boolean episodePrompted;
    private boolean portalSeen;
    private boolean started;
    private SessionInfo session;
    private Instant sessionWarnAt;
    private boolean sessionWarned;
    /** The end of the last session warned about on this network: an offline blip between two checks must not warn twice. */
    private Instant warnedExpiresAt;
    private Instant expiryCheckAt;
    private volatile TaskScheduler.Cancellable warnTask;
    private volatile TaskScheduler.Cancellable expiryTask;
    private volatile boolean closed;
    private volatile Settings settingsView;
    private volatile MonitorState state = new MonitorState(false, false, null, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    private Monitor(Builder b) {
        this.checker = Objects.requireNonNull(b.checker, "checker");
        this.watcher = b.watcher == null ? NetworkWatcher.none() : b.watcher;
        this.settings = b.settings == null ? Settings.defaults() : b.settings;
        this.settingsView = settings;
        this.persist = b.persist == null ? s -> {} : b.persist;
        this.resetConnections = b.resetConnections == null ? () -> {} : b.resetConnections;
        this.random = b.random == null ? Math::random : b.random;
        this.checkTimeout = b.checkTimeout == null ? DEFAULT_CHECK_TIMEOUT : b.checkTimeout;
        this.promptCooldown = b.promptCooldown == null ? DEFAULT_PROMPT_COOLDOWN : b.promptCooldown;
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
            if (started || closed) return;
            started = true;
            watcher.onActivity(() -> post(this::onNetworkActivity));
            watcher.start(change -> post(() -> onNetworkChange(change)));
            network = watcher.current().orElse(null);
            requestCheck();
        });
    }

    /** Checks as soon as possible (after the running check, if any); also ends a pause. */
    public void checkNow() {
        post(() -> {
            if (isPaused()) endPause();
            requestCheck();
        });
    }

    /** No scheduled checks for {@code d} (a running check still finishes). Network changes are remembered. */
    public void pause(Duration d) {
        post(() -> {
            if (closed) return;
            pausedUntil = scheduler.now().plus(d);
            cancelNext();
            if (resumeTask != null) resumeTask.cancel();
            resumeTask = scheduler.schedule(d, this::endPauseAndCheck);
            publish();
        });
    }

    /** Ends a pause at once and checks. */
    public void resume() {
        post(() -> {
            if (isPaused()) endPauseAndCheck();
        });
    }

    /** The user asked to sign in: always emits {@code promptLogin} with {@code automatic = false}. */
    public void signIn() {
        post(() -> {
            URI url = promptUrl(last);
            if (url == null) return;
            fire(l -> l.promptLogin(new LoginPrompt(url, last, network, false, false)));
        });
    }

    /**
     * Remembers (and saves) "never open the login window on its own on this network". Nobody waits for the outcome
     * (the tray shows the choice at once), so a failed save is logged and the choice still applies until the app quits.
     */
    public void setNeverPrompt(NetworkIdentity net, boolean never) {
        post(() -> remember(s -> s.withNetwork(net.key(), s.network(net.key()).withNeverPrompt(never))));
    }

    /** Remembers (and saves) "always open the login window at once on this network"; like {@link #setNeverPrompt}. */
    public void setAlwaysOpen(NetworkIdentity net, boolean always) {
        post(() -> remember(s -> s.withNetwork(net.key(), s.network(net.key()).withAlwaysOpen(always))));
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
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the monitor is closed"));
            return done;
        }
        post(() -> {
            if (closed) {
                done.completeExceptionally(new IllegalStateException("the monitor is closed"));
                return;
            }
            try {
                saveAndUse(Objects.requireNonNull(change.apply(settings), "the change gave no settings"));
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
                return;
            }
            publish(); // monitor.settings() shows them before anyone hears about it
            done.complete(settings);
        });
        return done;
    }

    /** The settings in use (as of the last processed task). */
    public Settings settings() {
        return settingsView;
    }

    /** The current state; cheap, any thread. */
    public MonitorState state() {
        return state;
    }

    /** Stops checks, the watcher and the monitor's own threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        for (TaskScheduler.Cancellable c : new TaskScheduler.Cancellable[] {nextTask, resumeTask, warnTask, expiryTask}) {
            if (c != null) c.cancel();
        }
        Future<?> f = runningCheck;
        if (f != null) f.cancel(true);
        watcher.close();
        onClose.run();
    }

    // ------------------------------------------------------------------ scheduler thread

    private void post(Runnable r) {
        scheduler.execute(() -> {
            try {
                r.run();
            } finally {
                publish();
            }
        });
    }

    /**
     * Network activity is reported to listeners at most this often: a join is a burst of hints (addresses,
     * routes, IPv6) and one report is enough. What listeners start on it must bound itself (the prepared login
     * process ends after 30 s unused).
     */
    public static final Duration ACTIVITY_QUIET = Duration.ofSeconds(5);

    private void onNetworkActivity() {
        if (closed || isPaused()) return;
        Instant now = scheduler.now();
        if (lastActivity != null && Duration.between(lastActivity, now).compareTo(ACTIVITY_QUIET) < 0) return;
        lastActivity = now;
        fire(MonitorListener::networkActivity);
    }

    private void onNetworkChange(NetworkChange change) {
        if (closed) return;
        network = change.network();
        networkGeneration++;
        episodePrompted = false;
        backoffStep = 0;
        clearSession(); // it belonged to the network we left
        warnedExpiresAt = null;
        fire(l -> l.networkChanged(change));
        try {
            resetConnections.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection reset hook failed", e);
        }
        requestCheck();
    }

    private void requestCheck() {
        if (closed || !started) return;
        if (isPaused()) return; // the pause's end checks anyway
        if (checking) {
            followUp = true;
            return;
        }
        startCheck();
    }

    private void startCheck() {
        cancelNext();
        checking = true;
        followUp = false;
        long generation = networkGeneration;
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
            checking = false;
        }
    }

    private static Classification failed(String why) {
        return new Classification(Verdict.OFFLINE, "The check itself failed: " + why, Optional.empty(),
                List.of(), List.of(), List.of(), Optional.empty());
    }

    private void finishCheck(Classification c, long generation) {
        checking = false;
        runningCheck = null;
        if (closed) return;
        boolean stale = generation != networkGeneration;
        if (c != null && !stale) {
            Verdict before = last == null ? null : last.verdict();
            last = c;
            lastCheck = scheduler.now();
            updateSession(c, lastCheck);
            publish();
            decidePrompts(c, before);
        }
        if (followUp || stale || c == null) {
            followUp = false;
            if (isPaused()) {
                // the pause's end checks anyway
            } else if (c == null && !stale) {
                scheduleNext(); // interrupted (closing or executor shutdown): plan normally
            } else {
                startCheck();
            }
            return;
        }
        scheduleNext();
    }

    private void decidePrompts(Classification c, Verdict before) {
        Verdict v = c.verdict();
        if (v != Verdict.CAPTIVE) {
            episodePrompted = false;
            if (v == Verdict.ONLINE) {
                lastPromptKey = null;
                lastPromptAt = null;
            }
            if (v == Verdict.ONLINE && portalSeen) {
                portalSeen = false;
                MonitorState s = snapshotState();
                fire(l -> l.portalCleared(s));
            }
            return;
        }
        portalSeen = true;
        if (episodePrompted) return;
        episodePrompted = true;
        NetworkPrefs prefs = settings.network(network == null ? null : network.key());
        if (prefs.neverPrompt()) return;
        boolean askFirst;
        if (prefs.alwaysOpen()) askFirst = false;
        else if (settings.popup() == PopupBehaviour.NEVER) return;
        else askFirst = settings.popup() == PopupBehaviour.ASK;
        URI url = promptUrl(c);
        if (url == null) return;
        Instant now = scheduler.now();
        String key = networkKey();
        if (lastPromptAt != null && now.isBefore(lastPromptAt.plus(promptCooldown))
                && (key.equals(lastPromptKey) || key.isEmpty() || lastPromptKey.isEmpty())) {
            return; // same network (or one we could not identify) prompted moments ago: a flapping link
        }
        lastPromptKey = key;
        lastPromptAt = now;
        LoginPrompt p = new LoginPrompt(url, c, network, true, askFirst);
        fire(l -> l.promptLogin(p));
    }

    /** Best login link, else the probe URL that was intercepted, else the first plain-http probe. */
    private URI promptUrl(Classification c) {
        if (c != null) {
            Optional<URI> login = c.loginUrl();
            if (login.isPresent() && SafeUrl.isAcceptable(login.get())) return login.get();
            if (c.deciding().isPresent()) {
                URI u = c.deciding().get().observation().spec().url();
                if (SafeUrl.isAcceptable(u)) return u;
            }
        }
        for (ProbeSpec p : probes()) if (!p.isHttps()) return p.url();
        List<ProbeSpec> all = probes();
        return all.isEmpty() ? null : all.get(0).url();
    }

    private String networkKey() {
        return network == null ? "" : network.key();
    }

    private void scheduleNext() {
        cancelNext();
        if (closed || isPaused() || last == null) return;
        Duration d = switch (last.verdict()) {
            case ONLINE -> {
                backoffStep = 0;
                long base = settings.onlineInterval().toMillis();
                double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
                yield Duration.ofMillis(Math.round(base * factor));
            }
            case CAPTIVE -> {
                backoffStep = 0;
                yield settings.captiveInterval();
            }
            default -> {
                Duration max = settings.offlineBackoffMax();
                Duration wait = BACKOFF_START;
                for (int i = 0; i < backoffStep && wait.compareTo(max) < 0; i++) wait = wait.multipliedBy(2);
                if (wait.compareTo(max) > 0) wait = max;
                if (wait.compareTo(max) < 0) backoffStep++;
                yield wait;
            }
        };
        nextAt = scheduler.now().plus(d);
        nextTask = scheduler.schedule(d, () -> {
            nextTask = null;
            nextAt = null;
            requestCheck();
            publish();
        });
    }

    /** How long before a session's end the warning comes, for a session with {@code remaining} left when announced. */
    public static Duration sessionWarningLead(Duration remaining) {
        Duration lead = remaining.dividedBy(10);
        if (lead.compareTo(SESSION_WARNING_MAX) > 0) lead = SESSION_WARNING_MAX;
        if (lead.compareTo(SESSION_WARNING_MIN) < 0) lead = SESSION_WARNING_MIN;
        return lead;
    }

    private void updateSession(Classification c, Instant now) {
        Optional<SessionInfo> found = c.verdict() == Verdict.CAPTIVE ? Optional.empty()
                : c.capport().flatMap(cs -> SessionInfo.from(cs, now));
        if (found.isEmpty()) {
            clearSession();
            return;
        }
        SessionInfo n = found.get();
        boolean same = session != null && near(session.expiresAt(), n.expiresAt());
        if (!same) {
            Duration remaining = Duration.between(now, n.expiresAt());
            // already over, or already warned about (before a check that saw no session): nothing to warn about
            sessionWarned = remaining.isZero() || (warnedExpiresAt != null && near(warnedExpiresAt, n.expiresAt()));
            sessionWarnAt = n.expiresAt().minus(sessionWarningLead(remaining));
        }
        session = n;
        cancelSessionTasks();
        if (!sessionWarned) {
            warnTask = scheduler.schedule(Duration.between(now, sessionWarnAt), this::warnSession);
        }
        if (n.expiresAt().isAfter(now)) {
            Instant at = n.expiresAt();
            if (at.isBefore(now.plus(SESSION_MIN_RECHECK))) at = now.plus(SESSION_MIN_RECHECK);
            expiryCheckAt = at;
            expiryTask = scheduler.schedule(Duration.between(now, at), () -> {
                expiryTask = null;
                expiryCheckAt = null;
                requestCheck();
                publish();
            });
        }
    }

    private static boolean near(Instant a, Instant b) {
        return Duration.between(a, b).abs().compareTo(SESSION_TOLERANCE) <= 0;
    }

    private void warnSession() {
        warnTask = null;
        if (closed || session == null || sessionWarned) return;
        sessionWarned = true;
        warnedExpiresAt = session.expiresAt();
        SessionInfo s = session;
        fire(l -> l.sessionExpiring(s));
    }

    private void clearSession() {
        cancelSessionTasks();
        session = null;
        sessionWarnAt = null;
        sessionWarned = false;
    }

    private void cancelSessionTasks() {
        if (warnTask != null) warnTask.cancel();
        if (expiryTask != null) expiryTask.cancel();
        warnTask = null;
        expiryTask = null;
        expiryCheckAt = null;
    }

    private void cancelNext() {
        if (nextTask != null) nextTask.cancel();
        nextTask = null;
        nextAt = null;
    }

    private boolean isPaused() {
        return pausedUntil != null;
    }

    private void endPause() {
        pausedUntil = null;
        if (resumeTask != null) resumeTask.cancel();
        resumeTask = null;
    }

    private void endPauseAndCheck() {
        if (!isPaused()) return;
        endPause();
        requestCheck();
        if (!checking && nextTask == null) scheduleNext();
    }

    /** Saves {@code next}, then uses it; when saving throws, nothing changes. */
    private void saveAndUse(Settings next) throws IOException {
        if (next.equals(settings)) return;
        persist.save(next);
        use(next);
    }

    /** A change nobody waits for: saved if possible, used either way. */
    private void remember(UnaryOperator<Settings> change) {
        Settings next = change.apply(settings);
        try {
            saveAndUse(next);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not save settings (the change applies until CaptiveWatch quits)", e);
            use(next);
        }
    }

    private void use(Settings next) {
        settings = next;
        if (!checking && started) scheduleNext();
    }

    private List<ProbeSpec> probes() {
        return probeOverride != null ? probeOverride : probesFor(settings);
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

    private MonitorState snapshotState() {
        Instant next = nextAt;
        if (expiryCheckAt != null && !isPaused() && (next == null || expiryCheckAt.isBefore(next))) next = expiryCheckAt;
        return new MonitorState(checking, isPaused(), pausedUntil, Optional.ofNullable(last),
                Optional.ofNullable(lastCheck), Optional.ofNullable(next), Optional.ofNullable(network),
                Optional.ofNullable(session));
    }

    private void publish() {
        settingsView = settings;
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
