package io.captivewatch.core.classify;

import io.captivewatch.core.probe.ErrorKind;
import io.captivewatch.core.probe.Headers;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.RecordedResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds observations for tests of the pure classification code. */
public final class Observations {
    public static final ProbeSpec GOOGLE = ProbeSpec.forUrl(URI.create("http://connectivitycheck.gstatic.com/generate_204"), "Google");
    public static final ProbeSpec APPLE = ProbeSpec.forUrl(URI.create("http://captive.apple.com/hotspot-detect.html"), "Apple");
    public static final ProbeSpec HTTPS = ProbeSpec.forUrl(URI.create("https://www.google.com/generate_204"), "Google HTTPS");

    private Observations() {}

    public static RecordedResponse response(URI url, int status, String body, String... headerPairs) {
        List<Headers.Field> fields = new ArrayList<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) fields.add(new Headers.Field(headerPairs[i], headerPairs[i + 1]));
        return new RecordedResponse(url, status, "", Headers.of(fields), body.getBytes(StandardCharsets.UTF_8), false, 5);
    }

    public static ProbeObservation answer(ProbeSpec spec, int status, String body, String... headerPairs) {
        return ProbeObservation.ofResponse(spec, response(spec.url(), status, body, headerPairs));
    }

    public static ProbeObservation chain(ProbeSpec spec, RecordedResponse... hops) {
        return new ProbeObservation(spec, Instant.EPOCH, List.of(hops), null, "", 10, List.of());
    }

    public static ProbeObservation error(ProbeSpec spec, ErrorKind kind, String detail) {
        return ProbeObservation.failed(spec, Instant.EPOCH, kind, detail, 100);
    }

    public static ProbeObservation online(ProbeSpec spec) {
        if (spec.expectation().kind() == io.captivewatch.core.probe.Expectation.Kind.NO_CONTENT) return answer(spec, 204, "");
        return answer(spec, spec.expectation().status(), spec.expectation().exampleBody());
    }
}
