package io.captivewatch;
public final class Main { public static void main(String[] a) {
    // No subcommand (only options such as --probe/--config/--minimized): the desktop app.
    if (io.captivewatch.desktop.DesktopEntry.isDesktopInvocation(a)) { io.captivewatch.desktop.DesktopEntry.start(a); return; }
    System.out.println("hi"); } }
