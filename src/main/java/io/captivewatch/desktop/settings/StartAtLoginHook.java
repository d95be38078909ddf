package io.captivewatch.desktop.settings;

/**
 * What "Start at login" does when saved. HOOK: the packaging branch provides
 * {@code core.settings.Autostart}; until it is merged, {@link #NONE} only records the choice in the settings.
 */
@FunctionalInterface
public interface StartAtLoginHook {
    /** Installs or removes the autostart entry; throws with a message for people when it cannot. */
    void apply(boolean enabled) throws Exception;

    /** Records the setting only (no OS integration available). */
    StartAtLoginHook NONE = enabled -> {};
}
