package io.captivewatch.desktop;

import io.captivewatch.core.i18n.Messages;
import io.captivewatch.core.monitor.HistoryRecorder;
import io.captivewatch.core.monitor.LoginPrompt;
import io.captivewatch.core.monitor.Monitor;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.recipe.Recipe;
import io.captivewatch.core.recipe.RecipeRecorder;
import io.captivewatch.core.recipe.Replayer;
import io.captivewatch.core.recipe.SubmittedForm;
import io.captivewatch.core.settings.AutoSignInStore;
import io.captivewatch.desktop.tray.TrayUi;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * "Sign me in automatically on this network" on the desktop (issue #20): records the forms the user submits in
 * the login window ({@link RecipeRecorder}), offers it from the tray once the sign-in ends online
 * ({@link #signedIn()}), stores the recipe when the user takes the offer ({@link AutoSignInStore}), and at the start of a portal episode on that network replays it in the background
 * ({@link Replayer}, confirmed by a real check). When the replay cannot finish online, the login window opens as
 * it always did. One replay at a time; any thread.
 */
public final class AutoSignIn {
    /** Message keys of the notification after a replay that ended online, and of its action. */
    public static final String SIGNED_IN_TITLE = "notify.autoSignIn.signedIn.title";
    public static final String SIGNED_IN_BODY = "notify.autoSignIn.signedIn.body";
    public static final String UNDO = "notify.autoSignIn.undo";
    /** Message keys of the offer after a sign-in in the login window (a notification, so the window closes at once: #17). */
    public static final String OFFER_TITLE = "notify.autoSignIn.offer.title";
    public static final String OFFER_BODY = "notify.autoSignIn.offer.body";
    public static final String OFFER_ACTION = "notify.autoSignIn.offer.action";

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
    /** A sign-in in the login window started and its success has not been seen yet. */
    private final AtomicBoolean signingIn = new AtomicBoolean();
    /** Networks offered this session and not taken: not offered again until the app restarts. */
    private final Set<String> offered = ConcurrentHashMap.newKeySet();
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

    /** A login window is about to open for a new sign-in: what is recorded from now on belongs to it. */
    public void signInStarted() {
        recorder.clear();
        signingIn.set(true);
    }

    /**
     * The network went online after a portal (the monitor's check, never the page's word). When that ends a
     * sign-in in the login window whose forms make a recipe with no sensitive field, on a network with no recipe
     * yet and not offered before this session, the tray offers "Sign me in automatically" as a notification whose
     * action is {@link #chosen}. Returns whether it offered.
     */
    public boolean signedIn() {
        if (!signingIn.getAndSet(false)) return false; // online without a sign-in in the window (e.g. a replay)
        Optional<NetworkIdentity> n = network.get();
        if (n.isEmpty()) return false;
        NetworkIdentity net = n.get();
        String key = net.key();
        RecipeRecorder.Built b = recorder.build();
        if (b.recipe().isEmpty()) {
            debug.accept("auto-signin not offered: " + b.refused());
            return false;
        }
        if (store.get(key).isPresent() || !offered.add(key)) return false;
        TrayUi t = tray.get();
        if (t == null) return false;
        debug.accept("auto-signin offered for " + net.displayName());
        Recipe recipe = b.recipe().get();
        t.notify(Messages.t(OFFER_TITLE), Messages.t(OFFER_BODY, net.displayName()), Messages.t(OFFER_ACTION), () -> chosen(net, recipe));
        return true;
    }

    /** The login window reported a submitted form. */
    public void formSubmitted(SubmittedForm f) {
        debug.accept("login form " + f.method() + " " + f.action() + (f.sensitive() == null ? "" : " (sensitive page)"));
        recorder.add(f);
    }

    /**
     * The user took "Sign me in automatically on this network": stores the recipe offered for that network (what
     * was recorded and checked when the offer was made, not what a later sign-in recorded).
     */
    void chosen(NetworkIdentity n, Recipe recipe) {
        TrayUi t = tray.get();
        try {
            store.put(n.key(), n.displayName(), recipe);
            offered.remove(n.key());
            debug.accept("auto-signin saved for " + n.displayName() + " (" + recipe.steps().size() + " steps)");
            if (t != null) t.notify(Messages.t("notify.autoSignIn.on.title"), Messages.t("notify.autoSignIn.on.body", n.displayName()));
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
                    history.markAutomatic(key);
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
