package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;

import java.net.URI;

/**
 * "Show the login window now."
 *
 * @param url            the page to open: the best login link, else the probe URL that was intercepted
 * @param classification the check that found the portal
 * @param network        the network it was found on (may be null when unknown)
 * @param automatic      true when the monitor decided on its own, false when the user asked (Sign in…)
 */
public record LoginPrompt(URI url, Classification classification, NetworkIdentity network, boolean automatic) {}
