package io.captivewatch.core.network;

import io.captivewatch.core.os.TaskScheduler;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The real watcher: hints (on Linux {@code ip monitor}) are debounced, then a snapshot is taken and compared
 * with the last one; a {@link NetworkChange} is emitted only when they really differ. While the hint source
 * is down (missing {@code ip}, process died) it polls slowly and restarts the source with backoff.
 */
public final class DefaultNetworkWatcher implements NetworkWatcher {
    private static final Logger LOG = Logger.getLogger(DefaultNetworkWatcher.class.getName());
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(10);
    public static final Duration RESTART_MIN = Duration.ofSeconds(1);
    public static final Duration RESTART_MAX = Duration.ofMinutes(5);

    private final ChangeHintSource hints;
    private final SnapshotSource snapshots;
    private final TaskScheduler scheduler;
    private final boolean ownsScheduler;
    private final Duration poll;
    private final Debouncer debouncer;

    // scheduler-thread state (volatile where read elsewhere)
    private volatile NetworkSnapshot last;
    private Consumer<NetworkChange> listener;
    private volatile ChangeHintSource.Handle handle;
    private long hintGeneration;
    private boolean hintsUp;
    private Duration restartDelay = RESTART_MIN;
    private TaskScheduler.Cancellable pollTask;
    private TaskScheduler.Cancellable restartTask;
    private volatile boolean closed;
    private volatile Runnable activity = () -> {};

    /** Everything injectable: hint source, snapshot source, scheduler/clock, timings. */
    public DefaultNetworkWatcher(ChangeHintSource hints, SnapshotSource snapshots, TaskScheduler scheduler,
                                 Duration quiet, Duration maxWait, Duration poll) {
        this(hints, snapshots, scheduler, quiet, maxWait, poll, false);
    }

    private DefaultNetworkWatcher(ChangeHintSource hints, SnapshotSource snapshots, TaskScheduler scheduler,
                                  Duration quiet, Duration maxWait, Duration poll, boolean ownsScheduler) {
        this.hints = Objects.requireNonNull(hints);
        this.snapshots = Objects.requireNonNull(snapshots);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.poll = poll;
        this.ownsScheduler = ownsScheduler;
        this.debouncer = new Debouncer(scheduler, quiet, maxWait, this::compare);
    }

    /** The OS watcher: {@code ip monitor} hints on Linux, polling elsewhere; default debounce and poll timings. */
    public static DefaultNetworkWatcher system() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("linux");
        ChangeHintSource h = linux ? new IpMonitorHints() : ChangeHintSource.none();
        return new DefaultNetworkWatcher(h, new SystemSnapshots(), TaskScheduler.system("captivewatch-network"),
                Debouncer.DEFAULT_QUIET, Debouncer.DEFAULT_MAX_WAIT, DEFAULT_POLL, true);
    }

    /**
     * Whether an {@code ip -o monitor} line may be the start of joining a network: an IPv4 address or a global
     * IPv6 address added, or a default route added. Deletions (leaving), link-local addresses, link state and
     * other routes are not: they come and go without a portal to sign in to.
     */
    private static final java.util.regex.Pattern IPV4_ADDRESS = java.util.regex.Pattern.compile("\\d+:\\s+\\S+\\s+inet\\s+(?!127\\.)\\d");
    private static final java.util.regex.Pattern IPV6_ADDRESS = java.util.regex.Pattern.compile("\\d+:\\s+\\S+\\s+inet6\\s");

    static boolean looksLikeJoining(String line) {
        String l = line.strip();
        if (l.startsWith("Deleted")) return false;
        if (l.startsWith("default ")) return true;
        if (IPV4_ADDRESS.matcher(l).lookingAt()) return true;
        return IPV6_ADDRESS.matcher(l).lookingAt() && l.contains("scope global");
    }

    @Override
    public void onActivity(Runnable r) {
        activity = Objects.requireNonNull(r);
    }

    @Override
    public void start(Consumer<NetworkChange> l) {
        Objects.requireNonNull(l);
        NetworkSnapshot first = takeSafely();
        scheduler.execute(() -> {
            if (closed || listener != null) return;
            listener = l;
            if (last == null) last = first == null ? NetworkSnapshot.EMPTY : first;
            startHints();
        });
        if (last == null) last = first == null ? NetworkSnapshot.EMPTY : first;
    }

    @Override
    public Optional<NetworkIdentity> current() {
        NetworkSnapshot s = last;
        return s == null ? Optional.empty() : s.identity();
    }

    /** The last snapshot taken (empty before start). */
    public Optional<NetworkSnapshot> lastSnapshot() {
        return Optional.ofNullable(last);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        debouncer.close();
        ChangeHintSource.Handle h = handle;
        if (h != null) h.close();
        TaskScheduler.Cancellable p = pollTask, r = restartTask;
        if (p != null) p.cancel();
        if (r != null) r.cancel();
        if (ownsScheduler) scheduler.close();
    }

    // ---------------------------------------------------------------- scheduler thread

    private void startHints() {
        if (closed) return;
        long gen = ++hintGeneration;
        hintsUp = true;
        ChangeHintSource.Handle h = hints.start(new ChangeHintSource.Listener() {
            @Override
            public void hint(String line) {
                debouncer.signal();
                if (looksLikeJoining(line)) {
                    try {
                        activity.run();
                    } catch (RuntimeException e) {
                        LOG.log(java.util.logging.Level.WARNING, "network activity hook failed", e);
                    }
                }
                scheduler.execute(() -> { // any line shows ip monitor works: its restart back-off starts over
                    if (gen == hintGeneration) restartDelay = RESTART_MIN;
                });
            }

            @Override
            public void ended(String why) {
                scheduler.execute(() -> onHintsEnded(gen, why));
            }
        });
        handle = h;
        if (closed) h.close();
    }

    private void onHintsEnded(long gen, String why) {
        if (closed || gen != hintGeneration || !hintsUp) return;
        hintsUp = false;
        LOG.fine(() -> "network hints stopped (" + why + "); polling every " + poll.toSeconds() + " s");
        if (pollTask == null) schedulePoll();
        Duration d = restartDelay;
        restartDelay = restartDelay.multipliedBy(2).compareTo(RESTART_MAX) > 0 ? RESTART_MAX : restartDelay.multipliedBy(2);
        restartTask = scheduler.schedule(d, () -> {
            restartTask = null;
            if (closed || hintsUp) return;
            startHints();
            debouncer.signal(); // changes may have been missed while it was down
        });
    }

    private void schedulePoll() {
        pollTask = scheduler.schedule(poll, () -> {
            pollTask = null;
            if (closed) return;
            compare();
            if (!hintsUp) schedulePoll();
        });
    }

    private NetworkSnapshot takeSafely() {
        try {
            return snapshots.take();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "network snapshot failed", e);
            return null;
        }
    }

    private void compare() {
        if (closed) return;
        NetworkSnapshot now = takeSafely();
        if (now == null) return;
        NetworkSnapshot before = last == null ? NetworkSnapshot.EMPTY : last;
        if (now.equals(before)) return;
        last = now;
        List<String> details = now.differencesFrom(before);
        NetworkChange.Kind kind = !before.connected() && now.connected() ? NetworkChange.Kind.JOINED
                : before.connected() && !now.connected() ? NetworkChange.Kind.LEFT : NetworkChange.Kind.CHANGED;
        NetworkChange change = new NetworkChange(scheduler.now(), kind, details, now.identity().orElse(null));
        Consumer<NetworkChange> l = listener;
        if (l != null) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "network listener failed", e);
            }
        }
    }
}
