package io.captivewatch.layeringfixture.core.a;

import io.captivewatch.layeringfixture.core.b.B;

/** LayeringTest fixture: a -> b -> a is a package cycle. */
public class A {
    B b;
}
