package io.captivewatch.core.settings;

/**
 * What the user told us about one network (stored under {@code NetworkIdentity.key()}).
 *
 * @param neverPrompt never open the login window on its own on this network
 * @param alwaysOpen  always open it at once on this network, whatever {@link PopupBehaviour} says
 */
public record NetworkPrefs(boolean neverPrompt, boolean alwaysOpen) {
    public static final NetworkPrefs NONE = new NetworkPrefs(false, false);

    public NetworkPrefs withNeverPrompt(boolean v) {
        return new NetworkPrefs(v, v ? false : alwaysOpen);
    }

    public NetworkPrefs withAlwaysOpen(boolean v) {
        return new NetworkPrefs(v ? false : neverPrompt, v);
    }

    public boolean isEmpty() {
        return !neverPrompt && !alwaysOpen;
    }
}
