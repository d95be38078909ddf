/**
 * Detection: probing, classification, login-link extraction, advice, monitor. No JavaFX or AWT here;
 * everything is testable with recorded responses and loopback servers. The subpackages, bottom-up: os, url,
 * probe, network, capport, extract, classify, advice, detect, settings, report, monitor (docs/ARCHITECTURE.md).
 */
package io.captivewatch.core;
