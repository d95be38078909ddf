package io.captivewatch.desktop.settings;

/** What "Start at login" does when its setting changes. */
@FunctionalInterface
public interface StartAtLoginHook {
    /** Installs or removes the autostart entry; throws with a message for people when it cannot. */
    void apply(boolean enabled) throws Exception;

    /** The OS's autostart ({@link Autostart}): an entry that starts the installed app with {@code --minimized}. */
    static StartAtLoginHook of(Autostart autostart) {
        return enabled -> {
            if (!enabled) {
                autostart.disable();
            } else if (!autostart.canEnable()) {
                throw new IllegalStateException("only the installed app can start at login (" + autostart.location() + ")");
            } else {
                autostart.enable();
            }
        };
    }
}
