package io.captivewatch.layeringfixture.desktop;

/** LayeringTest fixture: the desktop room may use AWT. */
public class Ui {
    java.awt.Point where;
}
