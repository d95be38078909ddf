package io.captivewatch.desktop.tray;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The action the latest notification offered ("Sign in", "Sign in again", "Undo / turn off"), as every tray backend
 * keeps it: it runs at most once, whether from the notification's button or from a click on the icon, and a newer
 * offer replaces it.
 */
public final class OfferedAction {
    private final AtomicReference<Runnable> latest = new AtomicReference<>();

    /** Offers {@code action}; returns it wrapped to run at most once (what the notification's button runs). */
    public Runnable offer(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) action.run();
        };
        latest.set(once);
        return () -> {
            latest.compareAndSet(once, null);
            once.run();
        };
    }

    /** Takes the latest offer for a click on the icon (empty when there is none, or it ran already). */
    public Optional<Runnable> take() {
        return Optional.ofNullable(latest.getAndSet(null));
    }

    /**
     * A left click (or activation) of the tray icon, as every backend handles it: the offered action if there is
     * one, else sign in when {@code status} lets it, else the details.
     */
    public static void activate(OfferedAction offered, Supplier<TrayStatus> status, TrayActions actions) {
        Optional<Runnable> a = offered.take();
        if (a.isPresent()) {
            a.get().run();
            return;
        }
        actions.perform(TrayMenuModel.entry(status.get(), TrayMenuModel.Item.SIGN_IN).enabled()
                ? TrayMenuModel.Item.SIGN_IN : TrayMenuModel.Item.DETAILS);
    }

    /** Withdraws the offer (the session it was about is gone, or the tray closes). */
    public void clear() {
        latest.set(null);
    }

    /**
     * Sends the offer through the desktop's notifications: with a real button where the service shows actions,
     * else with {@code howToAct} (the text says how to act instead). Whether it was delivered.
     */
    public static boolean send(Optional<FreedesktopNotifier> notifier, String title, String message, String actionLabel,
                        Runnable fromButton, String howToAct) {
        if (notifier.isEmpty()) return false;
        return notifier.get().supportsActions()
                ? notifier.get().send(title, message, actionLabel, fromButton)
                : notifier.get().send(title, howToAct);
    }
}
