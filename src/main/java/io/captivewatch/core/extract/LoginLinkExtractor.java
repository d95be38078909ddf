package io.captivewatch.core.extract;

import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;

import java.util.ArrayList;
import java.util.List;

/** Placeholder until the extractor lands: only the Location header. */
public final class LoginLinkExtractor {
    public List<LoginCandidate> extract(RecordedResponse r) {
        List<LoginCandidate> out = new ArrayList<>();
        r.location().flatMap(l -> SafeUrl.resolve(r.url(), l))
                .ifPresent(u -> out.add(new LoginCandidate(u, LinkSource.LOCATION, 100, "")));
        return out;
    }

    public List<LoginCandidate> extract(ProbeObservation o) {
        List<LoginCandidate> out = new ArrayList<>();
        for (RecordedResponse r : o.hops()) out.addAll(extract(r));
        return out;
    }
}
