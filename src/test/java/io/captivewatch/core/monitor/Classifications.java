package io.captivewatch.core.monitor;

import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.extract.LinkSource;
import io.captivewatch.core.extract.LoginCandidate;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.ProbeSpec;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.probe.Headers;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Ready-made check results for monitor tests. */
public final class Classifications {
    public static final ProbeSpec PROBE = ProbeSpec.forUrl(URI.create("http://127.0.0.1:9/generate_204"), "test");
    public static final URI LOGIN = URI.create("http://10.0.0.1/login");

    private Classifications() {}

    public static Classification of(Verdict v) {
        if (v == Verdict.CAPTIVE) return captive(LOGIN);
        return new Classification(v, v.title(), Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
    }

    public static Classification captive(URI login) {
        RecordedResponse r = new RecordedResponse(PROBE.url(), 302, "Found",
                Headers.of(List.of(new Headers.Field("Location", login.toString()))), new byte[0], false, 1);
        ProbeAssessment a = new ProbeAssessment(ProbeObservation.ofResponse(PROBE, r), Verdict.CAPTIVE, "302 to " + login);
        return new Classification(Verdict.CAPTIVE, "redirected", Optional.of(a), List.of(a),
                List.of(new LoginCandidate(login, LinkSource.LOCATION, 10, "Location")), List.of(), Optional.empty());
    }

    /** Captive, but no link was found: the prompt falls back to the intercepted probe URL. */
    public static Classification captiveWithoutLink() {
        RecordedResponse r = new RecordedResponse(PROBE.url(), 200, "OK", Headers.of(List.of()), "<html>hi</html>".getBytes(), false, 1);
        ProbeAssessment a = new ProbeAssessment(ProbeObservation.ofResponse(PROBE, r), Verdict.CAPTIVE, "200 instead of 204");
        return new Classification(Verdict.CAPTIVE, "intercepted", Optional.of(a), List.of(a), List.of(), List.of(), Optional.empty());
    }
}
