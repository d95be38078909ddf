/**
 * Detection: probing, classification, login-link extraction, advice, monitor. No JavaFX or AWT here;
 * everything is testable with recorded responses and loopback servers.
 */
package io.captivewatch.core;
