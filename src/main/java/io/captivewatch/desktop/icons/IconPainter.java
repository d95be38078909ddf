package io.captivewatch.desktop.icons;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Paints the state icons and the app icon with Java2D at any size, so tray icons are crisp whatever
 * size the tray host asks for. The drawing is done on a 64×64 grid and scaled; the SVG files in
 * {@code icons/} draw the same shapes. Each icon has its own colour and its own shape or glyph, so
 * the states are told apart without relying on colour alone (states that share an icon file share its picture).
 */
public final class IconPainter {
    /** Fill colours, also used by tests that read the icon back from a screenshot. */
    public static final Color GREEN = new Color(0x2E7D32);
    public static final Color ORANGE = new Color(0xEF6C00);
    public static final Color BLUE = new Color(0x1565C0);
    public static final Color YELLOW = new Color(0xF9A825);
    public static final Color GREY = new Color(0x616161);
    public static final Color PURPLE = new Color(0x6A1B9A);
    public static final Color SLATE = new Color(0x455A64);
    private static final Color WHITE = Color.WHITE;
    private static final Color DARK = new Color(0x212121);

    private IconPainter() {}

    /** The main colour of a state's icon. */
    public static Color colour(StatusIcon state) {
        return switch (state) {
            case ONLINE -> GREEN;
            case CAPTIVE -> ORANGE;
            case CHECKING -> BLUE;
            case LIMITED -> YELLOW;
            case OFFLINE -> GREY;
            case AUTH_REQUIRED, PROXY_AUTH_REQUIRED -> PURPLE;
            case PAUSED -> SLATE;
        };
    }

    /** A {@code size}×{@code size} ARGB image of the state's icon, transparent around the shape. */
    public static BufferedImage paint(StatusIcon state, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = begin(img, size);
        try {
            paint(g, state);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The application icon (a Wi-Fi fan under a watching eye-shaped arc, on a blue tile). */
    public static BufferedImage paintApp(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = begin(img, size);
        try {
            g.setColor(BLUE);
            g.fill(new RoundRectangle2D.Double(2, 2, 60, 60, 16, 16));
            g.setColor(WHITE);
            // Wi-Fi fan: two arcs and a dot, centred low
            g.setStroke(stroke(6));
            g.draw(new Arc2D.Double(12, 18, 40, 40, 45, 90, Arc2D.OPEN));
            g.draw(new Arc2D.Double(21, 27, 22, 22, 45, 90, Arc2D.OPEN));
            g.fill(new Ellipse2D.Double(27.5, 39.5, 9, 9));
            if (size <= 24) return img; // the badge only blurs the fan at small sizes
            // a check badge in the corner: "we looked, it's fine"
            g.setColor(GREEN);
            g.fill(new Ellipse2D.Double(38, 38, 24, 24));
            g.setColor(WHITE);
            g.setStroke(stroke(4));
            g.draw(path(44, 50, 48.5, 54.5, 56, 45));
        } finally {
            g.dispose();
        }
        return img;
    }

    private static Graphics2D begin(BufferedImage img, int size) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 64.0, size / 64.0);
        return g;
    }

    private static void paint(Graphics2D g, StatusIcon state) {
        Color c = colour(state);
        g.setColor(c);
        switch (state) {
            case CAPTIVE -> g.fill(new RoundRectangle2D.Double(3, 3, 58, 58, 18, 18));
            case LIMITED -> g.fill(path(32, 3, 62, 58, 2, 58, 32, 3));
            default -> g.fill(new Ellipse2D.Double(2, 2, 60, 60));
        }
        g.setColor(state == StatusIcon.LIMITED ? DARK : WHITE);
        switch (state) {
            case ONLINE -> {
                g.setStroke(stroke(8));
                g.draw(path(16, 33, 27, 44, 48, 21));
            }
            case CAPTIVE -> {
                // "sign in": an arrow entering a door frame
                g.setStroke(stroke(7));
                g.draw(path(36, 14, 48, 14, 48, 50, 36, 50));
                g.draw(new Line2D.Double(13, 32, 36, 32));
                g.draw(path(27, 22, 37, 32, 27, 42));
            }
            case CHECKING -> {
                // circular arrow
                g.setStroke(stroke(7));
                g.draw(new Arc2D.Double(15, 15, 34, 34, 100, 250, Arc2D.OPEN));
                GeneralPath head = new GeneralPath();
                head.moveTo(29, 6);
                head.lineTo(41, 15);
                head.lineTo(29, 24);
                head.closePath();
                g.fill(head);
            }
            case LIMITED -> {
                g.setStroke(stroke(8));
                g.draw(new Line2D.Double(32, 22, 32, 39));
                g.fill(new Ellipse2D.Double(27.5, 44, 9, 9));
            }
            case OFFLINE -> {
                g.setStroke(stroke(8));
                g.draw(new Line2D.Double(20, 20, 44, 44));
                g.draw(new Line2D.Double(44, 20, 20, 44));
            }
            case AUTH_REQUIRED, PROXY_AUTH_REQUIRED -> {
                // padlock
                g.setStroke(stroke(6));
                g.draw(new Arc2D.Double(23, 13, 18, 20, 0, 180, Arc2D.OPEN));
                g.draw(new Line2D.Double(23, 23, 23, 29));
                g.draw(new Line2D.Double(41, 23, 41, 29));
                g.fill(new RoundRectangle2D.Double(17, 28, 30, 22, 5, 5));
                g.setColor(c);
                g.fill(new Ellipse2D.Double(29, 34, 6, 6));
                g.fill(new RoundRectangle2D.Double(30.5, 37, 3, 8, 2, 2));
            }
            case PAUSED -> {
                g.fill(new RoundRectangle2D.Double(20, 17, 9, 30, 3, 3));
                g.fill(new RoundRectangle2D.Double(35, 17, 9, 30, 3, 3));
            }
        }
    }

    private static BasicStroke stroke(float w) {
        return new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static Path2D path(double... xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) p.lineTo(xy[i], xy[i + 1]);
        return p;
    }
}
