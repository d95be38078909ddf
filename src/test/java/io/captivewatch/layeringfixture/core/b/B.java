package io.captivewatch.layeringfixture.core.b;

import io.captivewatch.layeringfixture.core.a.A;
import io.captivewatch.layeringfixture.desktop.Ui;

/** LayeringTest fixture: closes the a -> b -> a cycle, uses AWT outside desktop, and depends on desktop from core. */
public class B {
    A a;
    Ui ui;
    java.awt.Point where;
}
