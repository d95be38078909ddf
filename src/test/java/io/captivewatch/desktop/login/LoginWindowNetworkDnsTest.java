package io.captivewatch.desktop.login;

import io.captivewatch.core.dns.NetworkDnsProxy;
import io.captivewatch.desktop.fx.Fx;
import javafx.concurrent.Worker;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebKit's HTTP loader asks the JVM's default {@link ProxySelector}: with the login process's
 * {@link NetworkDnsProxy} set there, a page whose host only "the network's DNS" knows (here a resolver that
 * knows {@code portal.hotel.lan}, which the system's does not) loads in the window, through the proxy, and the
 * window says which DNS it uses.
 */
class LoginWindowNetworkDnsTest {
    private TestSite site;
    private NetworkDnsProxy proxy;
    private LoginWindow window;
    private final ProxySelector before = ProxySelector.getDefault();

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void cleanUp() {
        if (window != null) Fx.run(window::close);
        Fx.run(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) if (w instanceof Stage s && w != LoginWindowTest.primary()) s.close();
            LoginWindow.useNetworkDns(List.of());
        });
        ProxySelector.setDefault(before);
        if (proxy != null) proxy.close();
        if (site != null) site.close();
    }

    @Test
    void aPageOnlyTheNetworksDnsKnowsLoadsThroughTheProxyAndTheWindowSaysSo() throws Exception {
        site = TestSite.http().page("/hotel", "text/html", LoginWindowTest.PORTAL);
        proxy = NetworkDnsProxy.start(host -> {
            if (host.equals("portal.hotel.lan")) return new InetAddress[]{InetAddress.getLoopbackAddress()};
            throw new UnknownHostException(host);
        }, a -> true, List.of("10.99.0.1")); // loopback allowed: the test's portal is on this computer
        ProxySelector.setDefault(proxy.selector());
        Fx.run(() -> LoginWindow.useNetworkDns(List.of("10.99.0.1")));
        URI url = URI.create("http://portal.hotel.lan:" + site.url("/hotel").getPort() + "/hotel");
        window = Fx.call(() -> LoginWindow.open(io.captivewatch.core.url.WebUrl.require(url), new LoginEvents() {}));
        Fx.until("the hotel page loaded", Duration.ofSeconds(20), () -> window.engine() != null
                && window.engine().getLoadWorker().getState() == Worker.State.SUCCEEDED
                && window.engine().getLocation().endsWith("/hotel"));
        assertThat(Fx.call(() -> window.engine().getTitle() == null ? (String) window.engine().executeScript("document.title")
                : window.engine().getTitle())).isEqualTo("Hotel Wi-Fi");
        assertThat(proxy.served()).as("the page came through the proxy").isPositive();
        String note = Fx.call(() -> {
            Label l = (Label) window.stage().getScene().lookup("#networkDnsNote");
            return l.isVisible() ? l.getText() : "";
        });
        assertThat(note).isEqualTo("Using the network's own DNS (10.99.0.1) to reach the sign-in page");
    }
}
