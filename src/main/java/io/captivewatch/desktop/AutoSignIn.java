package io.captivewatch.desktop;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.monitor.HistoryRecorder;
import io.captivewatch.core.monitor.LoginPrompt;
import io.captivewatch.core.monitor.Monitor;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.recipe.RecipeRecorder;
import io.captivewatch.core.recipe.Replayer;
import io.captivewatch.core.recipe.SubmittedForm;
import io.captivewatch.core.settings.AutoSignInStore;
import io.captivewatch.desktop.tray.TrayUi;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * "Sign me in automatically on this network" on the desktop (issue #20): records the forms the user submits in
 * the login window ({@link RecipeRecorder}), stores the recipe when the user takes the offer
 * ({@link AutoSignInStore}), and at the start of a portal episode on that network replays it in the background
 * ({@link Replayer}, confirmed by a real check). When the replay cannot finish online, the login window opens as
 * it always did. One replay at a time; any thread.
 */
public final class AutoSignIn {
    /** Message keys of the notification after a replay that ended online, and of its action. */
    public static final String SIGNED_IN_TITLE = "notify.autoSignIn.signedIn.title";
    public static final String SIGNED_IN_BODY = "notify.autoSignIn.signedIn.body";
    public static final String UNDO = "notify.autoSignIn.undo";

    private final Supplier<Optional<NetworkIdentity>> network;
    private final Runnable checkNow;
    private final AutoSignInStore store;
    private final Replayer replayer;
    private final Replayer.Confirmation confirm;
    private final HistoryRecorder history;
    private final Supplier<TrayUi> tray;
    private final Consumer<String> debug;
    private final RecipeRecorder recorder = new RecipeRecorder();
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "captivewatch-auto-signin");
        t.setDaemon(true);
        return t;
    });

    public AutoSignIn(Monitor monitor, AutoSignInStore store, Replayer replayer, Replayer.Confirmation confirm,
                      HistoryRecorder history, Supplier<TrayUi> tray, Consumer<String> debug) {
        this(() -> monitor.state().network(), monitor::checkNow, store, replayer, confirm, history, tray, debug);
    }

    /** @param network the current network; @param checkNow asks the monitor to check (after a replay ended online) */
    AutoSignIn(Supplier<Optional<NetworkIdentity>> network, Runnable checkNow, AutoSignInStore store, Replayer replayer, Replayer.Confirmation confirm,
                      HistoryRecorder history, Supplier<TrayUi> tray, Consumer<String> debug) {
        this.network = network;
        this.checkNow = checkNow;
        this.store = store;
        this.replayer = replayer;
        this.confirm = confirm;
        this.history = history;
        this.tray = tray;
        this.debug = debug;
    }

    public AutoSignInStore store() {
        return store;
    }

    /** A login window is about to open for a new sign-in: what is recorded from now on belongs to it. */
    public void signInStarted() {
        recorder.clear();
    }

    /** The login window reported a submitted form. */
    public void formSubmitted(SubmittedForm f) {
        debug.accept("login form " + f.method() + " " + f.action() + (f.sensitive() == null ? "" : " (sensitive page)"));
        recorder.add(f);
    }

    /** The user took "Sign me in automatically on this network". */
    public void chosen() {
        Optional<NetworkIdentity> n = network.get();
        RecipeRecorder.Built b = recorder.build();
        TrayUi t = tray.get();
        if (n.isEmpty() || b.recipe().isEmpty()) {
            String why = n.isEmpty() ? "the network is not known" : b.refused();
            debug.accept("auto-signin refused: " + why);
            // the recorder's reasons are English, like the classifier's explanations (README "Languages")
            if (t != null) t.notify(Messages.t("notify.autoSignIn.notOn.title"), Messages.t("notify.autoSignIn.notOn.body",
                    n.isEmpty() ? Messages.t("notify.autoSignIn.unknownNetwork") : why));
            return;
        }
        try {
            store.put(n.get().key(), n.get().displayName(), b.recipe().get());
            debug.accept("auto-signin saved for " + n.get().displayName() + " (" + b.recipe().get().steps().size() + " steps)");
            if (t != null) t.notify(Messages.t("notify.autoSignIn.on.title"), Messages.t("notify.autoSignIn.on.body", n.get().displayName()));
        } catch (IOException e) {
            debug.accept("auto-signin not saved: " + e.getMessage());
        }
    }

    /**
     * A portal episode starts: when this network has a recipe, replays it in the background and returns true
     * ({@code fallback} runs if the replay does not end online); else returns false and does nothing.
     */
    public boolean tryReplay(LoginPrompt p, Runnable fallback) {
        if (p.network() == null) return false;
        String key = p.network().key();
        Optional<AutoSignInStore.Entry> e = store.get(key);
        if (e.isEmpty()) return false;
        if (!running.compareAndSet(false, true)) return true; // one replay at a time; its fallback covers this episode
        debug.accept("auto-signin replay " + p.url());
        worker.execute(() -> {
            try {
                Replayer.Outcome o = replayer.replay(p.url().uri(), e.get().recipe(), confirm);
                if (o instanceof Replayer.Outcome.SignedIn s) {
                    debug.accept("auto-signin online after " + s.millis() + " ms");
                    history.markAutomatic();
                    checkNow.run();
                    TrayUi t = tray.get();
                    String name = p.network().displayName();
                    if (t != null) t.notify(Messages.t(SIGNED_IN_TITLE, name), Messages.t(SIGNED_IN_BODY), Messages.t(UNDO), () -> turnOff(key));
                } else {
                    debug.accept("auto-signin fallback: " + ((Replayer.Outcome.Fallback) o).reason());
                    fallback.run();
                }
            } finally {
                running.set(false);
            }
        });
        return true;
    }

    /** "Undo / turn off": no more automatic sign-in on this network (the session already opened stays). */
    public void turnOff(String key) {
        try {
            if (store.remove(key)) debug.accept("auto-signin turned off for " + key);
        } catch (IOException e) {
            debug.accept("auto-signin: " + e.getMessage());
        }
    }

    public void close() {
        worker.shutdownNow();
    }
}
