package io.captivewatch.desktop.fx;

/**
 * The debug switch both desktop processes share (the tray app and the login window's process): with
 * {@code -Dcaptivewatch.debug=true} each prints one line per event, starting with {@link #DEBUG_PREFIX}, which the
 * system tests read.
 */
public final class DebugLog {
    /** Set {@code -Dcaptivewatch.debug=true} to print one {@code captivewatch-debug:} line per event. */
    public static final String DEBUG_PROPERTY = "captivewatch.debug";
    public static final String DEBUG_PREFIX = "captivewatch-debug: ";

    private DebugLog() {}
}
