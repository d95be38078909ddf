package io.captivewatch.lab;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.captivewatch.core.capport.CapportClient;
import io.captivewatch.core.capport.CapportDiscovery;
import io.captivewatch.core.capport.CapportLookup;
import io.captivewatch.core.capport.CapportStatus;

import java.time.Duration;

/**
 * Run inside a lab namespace: the default discovery and the RFC 8908 client, as the product would use
 * them, printed as one JSON object (discovered URI and source, failure or the API's fields).
 */
public final class LabCapport {
    private LabCapport() {}

    public static void main(String[] args) {
        CapportLookup.Outcome o = new CapportLookup(CapportDiscovery.defaults(), new CapportClient(Duration.ofSeconds(2)))
                .lookup(Duration.ofSeconds(5));
        JsonObject j = new JsonObject();
        o.discovered().ifPresent(d -> {
            j.addProperty("discoveredUri", d.uri().toString());
            j.addProperty("discoveredFrom", d.source());
        });
        o.result().ifPresent(r -> {
            j.addProperty("failure", r.failure().map(Enum::name).orElse(null));
            j.addProperty("detail", r.detail());
        });
        o.status().ifPresent(s -> j.add("status", status(s)));
        System.out.println(new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(j));
    }

    static JsonObject status(CapportStatus s) {
        JsonObject j = new JsonObject();
        j.addProperty("captive", s.captive());
        j.addProperty("userPortalUrl", s.userPortalUrl().map(Object::toString).orElse(null));
        j.addProperty("venueInfoUrl", s.venueInfoUrl().map(Object::toString).orElse(null));
        j.addProperty("apiUrl", s.apiUrl().toString());
        j.add("warnings", new com.google.gson.Gson().toJsonTree(s.warnings()));
        return j;
    }
}
