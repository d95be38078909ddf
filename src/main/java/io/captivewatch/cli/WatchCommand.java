package io.captivewatch.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.captivewatch.core.detect.Detector;
import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.monitor.CheckFunction;
import io.captivewatch.core.monitor.LoginPrompt;
import io.captivewatch.core.monitor.Monitor;
import io.captivewatch.core.monitor.MonitorListener;
import io.captivewatch.core.monitor.MonitorState;
import io.captivewatch.core.network.NetworkChange;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.monitor.SessionInfo;
import io.captivewatch.core.network.NetworkWatcher;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.report.ReportJson;
import io.captivewatch.core.report.TerminalText;
import io.captivewatch.core.settings.Settings;
import io.captivewatch.core.settings.SettingsStore;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * {@code watch [--probe URL]... [--config DIR] [--json]}: runs the monitor headless and prints one line per
 * event until interrupted (SIGINT / SIGTERM: a shutdown hook closes the monitor). With {@code --json} each line
 * is one JSON object, flushed at once:
 * <pre>
 * {"event":"watching","network":...,"probes":[...]}
 * {"event":"network","kind":"joined|left|changed","network":KEY|null,"name":...,"ssid":...,"details":[...],"at":...}
 * {"event":"verdict","verdict":"captive","loginUrl":...,"evidence":...,"exitCode":10,"network":...,"at":...}
 * {"event":"prompt","url":...,"automatic":true,"askFirst":false,"network":...,"at":...}
 * {"event":"cleared","network":...,"at":...}
 * {"event":"session","expiresAt":...,"secondsRemaining":120,"bytesRemaining":N|null,"userPortalUrl":...|null,"canExtend":true,"at":...}
 * </pre>
 */
public final class WatchCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);
    /** Test seams: where network changes come from, and whether to install the JVM shutdown hook. */
    Supplier<NetworkWatcher> watcherFactory = NetworkWatcher::system;
    boolean shutdownHook = true;

    private final Object printLock = new Object();
    private Verdict printedVerdict;
    private String printedLoginUrl;

    public WatchCommand(PrintStream out, PrintStream err) {
        this.out = Objects.requireNonNull(out);
        this.err = Objects.requireNonNull(err);
    }

    /** Makes a running {@link #run} return 0 (what the shutdown hook does). */
    public void stop() {
        stop.countDown();
    }

    /** Runs until {@link #stop()}, SIGINT/SIGTERM, or the thread is interrupted; returns the exit code. */
    public int run(List<String> argv) throws Args.UsageException, InterruptedException {
        Args a = Args.parse(argv, Set.of("probe", "config"), Set.of("json"));
        if (!a.positional.isEmpty()) throw new Args.UsageException(Messages.t("cli.error.noArguments", "watch", a.positional.get(0)));
        List<String> probeArgs = a.all("probe");
        List<ProbeSpec> probes = probeArgs.isEmpty() ? null : Cli.probes(probeArgs);
        boolean json = a.flag("json");
        String configArg = a.single("config");
        Path configDir;
        try {
            configDir = configArg == null ? SettingsStore.defaultDir() : Path.of(configArg);
        } catch (InvalidPathException e) {
            throw new Args.UsageException(Messages.t("cli.error.configNotDir", configArg));
        }
        SettingsStore.Load load = new SettingsStore(configDir).load();
        load.problem().ifPresent(p -> {
            err.println(Messages.t("cli.error", p));
            err.flush();
        });
        Settings settings = load.settings();

        try (Detector detector = Detector.withDiscovery()) {
            return watch(CheckFunction.of(detector), detector::resetConnections, settings, probes, json);
        }
    }

    int watch(CheckFunction checker, Runnable resetConnections, Settings settings, List<ProbeSpec> probes, boolean json)
            throws InterruptedException {
        NetworkWatcher watcher = watcherFactory.get();
        Monitor monitor = Monitor.builder(checker).settings(settings).probes(probes).network(watcher)
                .onNetworkChange(resetConnections).build();
        List<ProbeSpec> shown = probes == null ? Monitor.probesFor(settings) : probes;
        CountDownLatch started = new CountDownLatch(1);
        monitor.addListener(new MonitorListener() {
            @Override
            public void stateChanged(MonitorState state) {
                // the first state change is the first check starting (monitor thread, before any other event):
                // the watcher has taken its first snapshot by now
                if (started.getCount() > 0) {
                    printStart(watcher.current(), shown, json);
                    started.countDown();
                }
            }
        });
        monitor.addListener(new Printer(json));
        Thread hook = null;
        if (shutdownHook) {
            hook = new Thread(() -> {
                stop();
                monitor.close();
                out.flush();
            }, "captivewatch-watch-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            monitor.start();
            stop.await();
            return 0;
        } finally {
            monitor.close();
            out.flush();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down
                }
            }
        }
    }


    private void printStart(Optional<NetworkIdentity> net, List<ProbeSpec> probes, boolean json) {
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("event", "watching");
            putNetwork(o, net.orElse(null));
            JsonArray p = new JsonArray();
            probes.forEach(s -> p.add(s.url().toString()));
            o.add("probes", p);
            o.addProperty("at", Instant.now().toString());
            line(ReportJson.compact(o));
        } else {
            line(Messages.current().plural("cli.watch.start", probes.size(), time(Instant.now()),
                    net.map(NetworkIdentity::displayName).orElse(Messages.t("cli.watch.noNetwork"))));
        }
    }

    /**
     * Prints one line. Network names, evidence and URLs are the network's choice: {@link TerminalText} escapes any
     * control character in them (a JSON line, already escaped by {@link ReportJson#compact}, is left as it is).
     */
    private void line(String s) {
        synchronized (printLock) {
            out.println(TerminalText.of(s));
            out.flush();
        }
    }

    private static void putNetwork(JsonObject o, NetworkIdentity n) {
        o.addProperty("network", n == null ? null : n.key());
        o.addProperty("name", n == null ? null : n.displayName());
        o.addProperty("ssid", n == null ? null : n.ssid());
    }

    private static String time(Instant t) {
        return Messages.current().time(t, ZoneId.systemDefault());
    }

    private static String name(NetworkIdentity n) {
        return n == null ? Messages.t("cli.watch.noNetwork") : n.displayName();
    }

    /** Turns monitor events into lines. */
    private final class Printer implements MonitorListener {
        private final boolean json;

        Printer(boolean json) {
            this.json = json;
        }

        @Override
        public void networkChanged(NetworkChange c) {
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("event", "network");
                o.addProperty("kind", c.kind().name().toLowerCase(Locale.ROOT));
                putNetwork(o, c.network());
                JsonArray d = new JsonArray();
                c.details().forEach(d::add);
                o.add("details", d);
                o.addProperty("at", c.at().toString());
                line(ReportJson.compact(o));
            } else {
                String what = name(c.network());
                if (!c.details().isEmpty()) what = Messages.t("cli.watch.details", what, String.join(", ", c.details()));
                line(Messages.t("cli.watch.network." + c.kind().name().toLowerCase(Locale.ROOT), time(c.at()), what));
            }
        }

        @Override
        public void stateChanged(MonitorState s) {
            if (s.last().isEmpty() || s.checking()) return;
            Classification c = s.last().get();
            String login = c.loginUrl().map(Object::toString).orElse(null);
            synchronized (printLock) {
                if (c.verdict() == printedVerdict && Objects.equals(login, printedLoginUrl)) return;
                printedVerdict = c.verdict();
                printedLoginUrl = login;
            }
            Instant at = s.lastCheck().orElse(Instant.now());
            NetworkIdentity net = s.network().orElse(null);
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("event", "verdict");
                o.addProperty("verdict", c.verdict().jsonName());
                o.addProperty("exitCode", c.verdict().exitCode());
                o.addProperty("loginUrl", login);
                o.addProperty("evidence", c.evidence());
                putNetwork(o, net);
                o.addProperty("at", at.toString());
                line(ReportJson.compact(o));
            } else {
                String why = c.evidence(Messages.current());
                line(login == null ? Messages.t("cli.watch.verdict", time(at), c.verdict().jsonName(), name(net), why)
                        : Messages.t("cli.watch.verdictLogin", time(at), c.verdict().jsonName(), name(net), why, login));
            }
        }

        @Override
        public void promptLogin(LoginPrompt p) {
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("event", "prompt");
                o.addProperty("url", p.url().toString());
                o.addProperty("automatic", p.automatic());
                o.addProperty("askFirst", p.askFirst());
                putNetwork(o, p.network());
                o.addProperty("at", Instant.now().toString());
                line(ReportJson.compact(o));
            } else {
                line(Messages.t("cli.watch.prompt", time(Instant.now()), p.url().toString()));
            }
        }

        /** The captive-portal API's session (RFC 8908 seconds-remaining) ends soon. */
        @Override
        public void sessionExpiring(SessionInfo info) {
            Instant now = Instant.now();
            long secs = info.secondsRemaining(now);
            String portal = info.userPortalUrl().map(Object::toString).orElse(null);
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("event", "session");
                o.addProperty("expiresAt", info.expiresAt().toString());
                o.addProperty("secondsRemaining", secs);
                o.addProperty("bytesRemaining", info.bytesRemaining().isPresent() ? info.bytesRemaining().getAsLong() : null);
                o.addProperty("userPortalUrl", portal);
                o.addProperty("canExtend", info.canExtend());
                o.addProperty("at", now.toString());
                line(ReportJson.compact(o));
            } else {
                Messages m = Messages.current();
                String left = m.duration(secs);
                String text = info.bytesRemaining().isPresent()
                        ? m.get("cli.watch.sessionWithData", time(now), time(info.expiresAt()), left, m.bytes(info.bytesRemaining().getAsLong()))
                        : m.get("cli.watch.session", time(now), time(info.expiresAt()), left);
                line(portal == null ? text : m.get("cli.watch.sessionPortal", text, portal));
            }
        }

        @Override
        public void portalCleared(MonitorState s) {
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("event", "cleared");
                putNetwork(o, s.network().orElse(null));
                o.addProperty("at", s.lastCheck().orElse(Instant.now()).toString());
                line(ReportJson.compact(o));
            } else {
                line(Messages.t("cli.watch.cleared", time(s.lastCheck().orElse(Instant.now()))));
            }
        }
    }
}
