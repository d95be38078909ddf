package io.captivewatch.core.capport;

import io.captivewatch.core.probe.Prober;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@link CapportClientTest} case again with the client the product uses: the API's host looked up by the
 * probes' resolver and asked over the client's own socket. The host is {@code status.client} (openNDS's API name),
 * which only this test's resolver knows, as only the portal's DNS knows it when the system uses a custom DNS.
 */
class CapportClientOwnSocketTest extends CapportClientTest {
    static final String PORTAL_ONLY_NAME = "status.client";
    private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    @Override
    Prober.Resolver resolver() {
        return host -> {
            asked.add(host);
            if (host.equalsIgnoreCase(PORTAL_ONLY_NAME)) return new InetAddress[] {InetAddress.getLoopbackAddress()};
            if (host.matches("[0-9.]+")) return new InetAddress[] {InetAddress.getByName(host)}; // a literal: no lookup
            throw new UnknownHostException(host + ": not known to this test's network DNS");
        };
    }

    @Override
    CapportClient newClient() {
        return new CapportClient(Duration.ofSeconds(2), resolver());
    }

    @Override
    String host() {
        return PORTAL_ONLY_NAME;
    }

    @Test
    void theApiHostIsLookedUpWithTheGivenResolver() {
        CapportResult r = newClient().fetch(URI.create("http://" + PORTAL_ONLY_NAME + ":1/api").resolve("/api"), "t", Duration.ofSeconds(1));
        assertThat(asked).contains(PORTAL_ONLY_NAME);
        assertThat(r.failure()).contains(CapportResult.Failure.CONNECT_FAILED); // port 1: refused, but reached by that name
    }

    @Test
    void aNameNoResolverKnowsIsAConnectFailureThatSaysWhy() {
        CapportResult r = newClient().fetch(URI.create("http://nowhere.invalid/api"), "t", Duration.ofSeconds(1));
        assertThat(r.failure()).contains(CapportResult.Failure.CONNECT_FAILED);
        assertThat(r.detail()).contains("nowhere.invalid");
    }
}
