package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.network.NetworkIdentity;
import io.captivewatch.core.url.WebUrl;

/**
 * "Show the login window now."
 *
 * @param url            the page to open: the best login link, else the probe URL that was intercepted
 * @param classification the check that found the portal
 * @param network        the network it was found on (may be null when unknown)
 * @param automatic      true when the monitor decided on its own, false when the user asked (Sign in…)
 * @param askFirst       the user's setting is {@code PopupBehaviour.ASK} (and this network is not "always open"):
 *                       offer "Sign in" (notification / tray balloon) instead of opening the window at once.
 *                       Always false when {@code automatic} is false.
 */
public record LoginPrompt(WebUrl url, Classification classification, NetworkIdentity network, boolean automatic,
                          boolean askFirst) {

    /** A prompt that opens the window at once ({@code askFirst = false}). */
    public LoginPrompt(WebUrl url, Classification classification, NetworkIdentity network, boolean automatic) {
        this(url, classification, network, automatic, false);
    }
}
