package io.captivewatch.core.monitor;

import io.captivewatch.core.network.NetworkWatcher;
import io.captivewatch.core.os.TaskScheduler;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.settings.Settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleSupplier;

/** Builder for {@link Monitor} ({@link Monitor#builder}). Unset parts get production defaults. */
public final class MonitorBuilder {
    final CheckFunction checker;
    NetworkWatcher watcher;
    Settings settings;
    Monitor.Persister persist;
    TaskScheduler scheduler;
    Executor checkExecutor;
    Runnable resetConnections;
    DoubleSupplier random;
    Duration checkTimeout;
    List<ProbeSpec> probes;
    Duration promptCooldown;

    MonitorBuilder(CheckFunction checker) {
        this.checker = checker;
    }

    public MonitorBuilder network(NetworkWatcher w) { this.watcher = w; return this; }
    public MonitorBuilder settings(Settings s) { this.settings = s; return this; }
    /** Called (on the monitor thread) with the new settings whenever the monitor changes them. */
    public MonitorBuilder persist(Monitor.Persister p) { this.persist = p; return this; }
    /** The clock and task queue (tests: a fake that runs due tasks when time is advanced). */
    public MonitorBuilder scheduler(TaskScheduler s) { this.scheduler = s; return this; }
    /** Where checks run (default: one daemon thread; tests: a direct or manual executor). */
    public MonitorBuilder checkExecutor(Executor e) { this.checkExecutor = e; return this; }
    /** Called on every network change before the check, e.g. {@code detector::resetConnections}. */
    public MonitorBuilder onNetworkChange(Runnable r) { this.resetConnections = r; return this; }
    /** Uniform [0,1) source for the online jitter. */
    public MonitorBuilder random(DoubleSupplier r) { this.random = r; return this; }
    public MonitorBuilder checkTimeout(Duration d) { this.checkTimeout = d; return this; }
    /** Probes to use instead of the settings' list (e.g. from the command line). */
    public MonitorBuilder probes(List<ProbeSpec> p) { this.probes = p; return this; }

    /** See {@link Monitor#DEFAULT_PROMPT_COOLDOWN}. */
    public MonitorBuilder promptCooldown(Duration d) { this.promptCooldown = d; return this; }

    /** A monitor; the scheduler thread and check thread it creates itself (when none were given) end with its close. */
    public Monitor build() {
        List<Runnable> closers = new ArrayList<>();
        TaskScheduler s = scheduler;
        if (s == null) {
            s = TaskScheduler.system("captivewatch-monitor");
            closers.add(s::close);
        }
        Executor e = checkExecutor;
        if (e == null) {
            ExecutorService es = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "captivewatch-check");
                t.setDaemon(true);
                return t;
            });
            e = es;
            closers.add(es::shutdownNow);
        }
        return new Monitor(this, s, e, () -> closers.forEach(Runnable::run));
    }
}
