package io.captivewatch.layeringfixture.cli;

/** LayeringTest fixture: JavaFX outside desktop. */
public class Cmd {
    javafx.geometry.Point2D where;
}
