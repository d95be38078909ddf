package io.captivewatch.desktop.tray;

/** What a tray UI calls when the user picks a menu item. Called on the UI's own thread (AWT or FX); must return quickly. */
@FunctionalInterface
public interface TrayActions {
    void perform(TrayMenuModel.Item item);
}
