package io.captivewatch.core.monitor;

import io.captivewatch.core.settings.Settings;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer of the settings: every change is a function applied to the settings current on the monitor thread
 * and saved there through the {@link Monitor.Persister}, so changes from different places (tray menu, settings window)
 * never undo each other. {@link #current()} is for the monitor thread; {@link #view()} for any thread, as of the last
 * {@link #publish()}.
 */
final class SettingsWriter {
    private static final Logger LOG = Logger.getLogger(Monitor.class.getName());

    private final Monitor.Persister persist;
    private final Runnable onUse;
    private Settings settings;
    private volatile Settings view;

    /** {@code onUse} runs (on the monitor thread) whenever new settings are taken into use. */
    SettingsWriter(Settings initial, Monitor.Persister persist, Runnable onUse) {
        this.settings = Objects.requireNonNull(initial);
        this.view = initial;
        this.persist = persist;
        this.onUse = onUse;
    }

    /** The settings in use (monitor thread). */
    Settings current() {
        return settings;
    }

    /** The settings as of the last {@link #publish()} (any thread). */
    Settings view() {
        return view;
    }

    void publish() {
        view = settings;
    }

    /**
     * Applies {@code change}, saves the result and uses it; all or nothing: when saving (or the change) fails, the
     * settings stay as they were and the exception is thrown.
     *
     * @return the settings now in use
     */
    Settings update(UnaryOperator<Settings> change) throws IOException {
        saveAndUse(Objects.requireNonNull(change.apply(settings), "the change gave no settings"));
        return settings;
    }

    /**
     * {@link #update(UnaryOperator)} reporting through {@code done} instead of throwing: completed with the settings
     * now in use after {@code shown} ran (they are visible before anyone hears of them), or with what failed.
     */
    void update(UnaryOperator<Settings> change, Runnable shown, CompletableFuture<Settings> done) {
        Settings now;
        try {
            now = update(change);
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        shown.run();
        done.complete(now);
    }

    /** {@code done}, failed with {@link IllegalStateException}: the monitor is closed, nothing changes. */
    static CompletableFuture<Settings> closed(CompletableFuture<Settings> done) {
        done.completeExceptionally(new IllegalStateException("the monitor is closed"));
        return done;
    }

    /** A change nobody waits for: saved if possible, used either way. */
    void remember(UnaryOperator<Settings> change) {
        Settings next = change.apply(settings);
        try {
            saveAndUse(next);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not save settings (the change applies until CaptiveWatch quits)", e);
            use(next);
        }
    }

    /** Saves {@code next}, then uses it; when saving throws, nothing changes. */
    private void saveAndUse(Settings next) throws IOException {
        if (next.equals(settings)) return;
        persist.save(next);
        use(next);
    }

    private void use(Settings next) {
        settings = next;
        onUse.run();
    }
}
