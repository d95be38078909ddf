package io.captivewatch.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;

/**
 * Baseline for "cold start to tray icon": the least a Java program can do to show a tray icon
 * (AWT {@link SystemTray}, one painted 24 px icon, nothing else). Exits by itself after
 * {@code maxSeconds} (first argument, default 600) so it can never linger. With {@code --check} it only tells,
 * by its exit status (0 yes, 3 no), whether a tray host owns the tray selection yet.
 */
public final class TrayBaseline {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--check")) System.exit(SystemTray.isSupported() ? 0 : 3);
        long maxSeconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
        if (!SystemTray.isSupported()) {
            System.err.println("TrayBaseline: no system tray");
            System.exit(3);
        }
        BufferedImage img = new BufferedImage(24, 24, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x2e7d32));
        g.fillOval(2, 2, 20, 20);
        g.dispose();
        TrayIcon icon = new TrayIcon(img, "TrayBaseline");
        icon.setImageAutoSize(true);
        SystemTray.getSystemTray().add(icon);
        System.out.println("TrayBaseline: icon added");
        Thread.sleep(maxSeconds * 1000);
        SystemTray.getSystemTray().remove(icon);
        System.exit(0);
    }
}
