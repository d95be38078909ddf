package io.captivewatch.desktop.tray;

import io.captivewatch.desktop.dbus.Notifications;
import io.captivewatch.testing.Await;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class FreedesktopNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A notification service that records Notify calls and hands out ids 42, 43, ... */
    static final class FakeService implements Notifications {
        final List<List<Object>> calls = new ArrayList<>();
        List<String> capabilities = List.of("body", "actions");
        boolean fail;

        @Override
        public synchronized UInt32 Notify(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                                          List<String> actions, Map<String, Variant<?>> hints, int expireTimeout) {
            if (fail) throw new DBusExecutionException("org.freedesktop.DBus.Error.ServiceUnknown");
            calls.add(List.of(replacesId.longValue(), summary, body, actions, hints.keySet()));
            return new UInt32(41 + calls.size());
        }

        @Override
        public List<String> GetCapabilities() {
            if (fail) throw new DBusExecutionException("org.freedesktop.DBus.Error.ServiceUnknown");
            return capabilities;
        }

        @Override
        public void CloseNotification(UInt32 id) {}

        @Override
        public String getObjectPath() {
            return PATH;
        }
    }

    @Test
    void theBodyIsEscapedForMarkupAndTheNextNotificationReplacesThePrevious() {
        FakeService s = new FakeService();
        FreedesktopNotifier n = new FreedesktopNotifier(s);
        assertThat(n.send("Sign-in required", "<b>Cafe & Bar</b> wants you to sign in.")).isTrue();
        assertThat(n.send("Sign-in required", "two")).isTrue();
        assertThat(s.calls.get(0)).containsSubsequence(0L, "Sign-in required", "&lt;b&gt;Cafe &amp; Bar&lt;/b&gt; wants you to sign in.");
        assertThat(s.calls.get(0).get(4).toString()).contains("desktop-entry", "urgency");
        assertThat(s.calls.get(1).get(0)).as("replaces the first (id 42)").isEqualTo(42L);
    }

    @Test
    void anActionBecomesAButtonNextToNotNowAndRunsOnceForOurIdOnly() {
        FakeService s = new FakeService();
        FreedesktopNotifier n = new FreedesktopNotifier(s);
        AtomicInteger ran = new AtomicInteger();
        assertThat(n.send("Wi-Fi session ending", "Ends in 2 min.", "Sign in again", ran::incrementAndGet)).isTrue();
        assertThat(s.calls.get(0).get(3)).isEqualTo(List.of("default", "Sign in again", "act", "Sign in again", "not-now", "Not now"));

        n.actionInvoked(7, "act");           // another app's notification
        n.actionInvoked(42, "something");    // a key we never offered
        assertThat(n.pendingIds()).containsExactly(42L);
        n.actionInvoked(42, "act");
        n.actionInvoked(42, "default");      // a second signal for the same notification: already used
        Await.until("the action ran", () -> ran.get() == 1, WAIT);
        assertThat(n.pendingIds()).isEmpty();
    }

    @Test
    void notNowClosingAndReplacingDropTheAction() {
        FakeService s = new FakeService();
        FreedesktopNotifier n = new FreedesktopNotifier(s);
        AtomicInteger ran = new AtomicInteger();
        n.send("t", "b", "Sign in", ran::incrementAndGet);       // 42
        n.actionInvoked(42, "not-now");
        n.send("t", "b", "Sign in", ran::incrementAndGet);       // 43
        n.closed(43);
        n.send("t", "b", "Sign in", ran::incrementAndGet);       // 44
        n.send("t", "plain");                                     // 45 replaces 44
        assertThat(n.pendingIds()).isEmpty();
        n.actionInvoked(42, "act");
        n.actionInvoked(43, "act");
        n.actionInvoked(44, "act");
        assertThat(ran).hasValue(0);
    }

    @Test
    void withoutActionSupportTheNotificationIsPlain() {
        FakeService s = new FakeService();
        s.capabilities = List.of("body");
        FreedesktopNotifier n = new FreedesktopNotifier(s);
        assertThat(n.supportsActions()).isFalse();
        assertThat(n.send("t", "b", "Sign in", () -> {})).isTrue();
        assertThat(s.calls.get(0).get(3)).isEqualTo(List.of());
        assertThat(n.pendingIds()).isEmpty();
    }

    @Test
    void aMissingServiceIsAFailureSoTheCallerFallsBack() {
        FakeService s = new FakeService();
        s.fail = true;
        FreedesktopNotifier n = new FreedesktopNotifier(s);
        assertThat(n.send("t", "b")).isFalse();
        assertThat(n.send("t", "b", "Sign in", () -> {})).isFalse();
        assertThat(n.supportsActions()).isFalse();
        s.fail = false;
        assertThat(n.supportsActions()).as("asked again once the daemon is up").isTrue();
    }
}
