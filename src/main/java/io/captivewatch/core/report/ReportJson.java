package io.captivewatch.core.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.captivewatch.core.advice.Advice;
import io.captivewatch.core.capport.CapportStatus;
import io.captivewatch.core.classify.Classification;
import io.captivewatch.core.classify.ProbeAssessment;
import io.captivewatch.core.extract.BodyText;
import io.captivewatch.core.extract.LoginCandidate;
import io.captivewatch.core.url.SafeUrl;
import io.captivewatch.core.probe.Headers;
import io.captivewatch.core.probe.ProbeObservation;
import io.captivewatch.core.probe.RecordedResponse;

import java.util.List;

/**
 * The JSON form of a check, as the CLI prints it and the inspector saves it (the contract in
 * ARCHITECTURE.md: verdict, loginUrl, evidence, advice, probes[...], plus more fields).
 */
public final class ReportJson {
    /** How much of each body goes into the JSON report. */
    public static final int BODY_EXCERPT_CHARS = 2048;

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
    private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private ReportJson() {}

    /**
     * The report as indented JSON text. Like {@link #compact}, every string in it has the credentials of any URL
     * {@linkplain SafeUrl#redact redacted} (a refused {@code http://user:pass@host/} Location is recorded as the
     * portal sent it), and the characters Gson leaves raw but a terminal acts on (C1 controls, bidi overrides) are
     * written as JSON backslash-u escapes.
     */
    public static String pretty(JsonObject o) {
        return TerminalText.jsonSafe(PRETTY.toJson(redacted(o)));
    }

    /** The report as one line of JSON text, made safe as {@link #pretty} says. */
    public static String compact(JsonObject o) {
        return TerminalText.jsonSafe(COMPACT.toJson(redacted(o)));
    }

    /** A copy of {@code e} with {@link SafeUrl#redact} applied to every string (object keys included). */
    static JsonElement redacted(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject out = new JsonObject();
            e.getAsJsonObject().entrySet().forEach(en -> out.add(SafeUrl.redact(en.getKey()), redacted(en.getValue())));
            return out;
        }
        if (e.isJsonArray()) {
            JsonArray out = new JsonArray();
            e.getAsJsonArray().forEach(x -> out.add(redacted(x)));
            return out;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            String s = e.getAsString();
            String r = SafeUrl.redact(s);
            return r.equals(s) ? e : new JsonPrimitive(r);
        }
        return e;
    }

    public static JsonObject of(Classification c, List<Advice> advice) {
        JsonObject o = new JsonObject();
        o.addProperty("verdict", c.verdict().jsonName());
        o.addProperty("exitCode", c.verdict().exitCode());
        o.addProperty("title", c.verdict().englishTitle()); // JSON stays English
        o.add("loginUrl", str(c.loginUrl().orElse(null)));
        o.addProperty("evidence", c.evidence());
        o.add("decidedBy", str(c.deciding().map(d -> d.observation().spec().url().toString()).orElse(null)));
        JsonArray adv = new JsonArray();
        for (Advice a : advice) {
            JsonObject j = new JsonObject();
            j.addProperty("id", a.id());
            j.addProperty("title", a.title());
            j.addProperty("body", a.body());
            j.add("commands", strings(a.commands()));
            adv.add(j);
        }
        o.add("advice", adv);
        JsonArray cands = new JsonArray();
        for (LoginCandidate lc : c.candidates()) {
            JsonObject j = new JsonObject();
            j.addProperty("url", lc.url().toString());
            j.addProperty("source", lc.source().jsonName());
            j.addProperty("score", lc.score());
            j.addProperty("detail", lc.detail());
            cands.add(j);
        }
        o.add("candidates", cands);
        o.add("warnings", strings(c.warnings()));
        JsonArray probes = new JsonArray();
        for (ProbeAssessment a : c.probes()) probes.add(probe(a));
        o.add("probes", probes);
        o.add("capport", c.capport().<JsonElement>map(ReportJson::capport).orElse(JsonNull.INSTANCE));
        return o;
    }

    static JsonObject probe(ProbeAssessment a) {
        ProbeObservation p = a.observation();
        JsonObject j = new JsonObject();
        j.addProperty("url", p.spec().url().toString());
        j.addProperty("label", p.spec().label());
        j.addProperty("expected", p.spec().expectation().describe());
        j.addProperty("verdict", a.verdict().jsonName());
        j.addProperty("reason", a.reason());
        RecordedResponse first = p.first().orElse(null);
        j.add("status", first == null ? JsonNull.INSTANCE : new JsonPrimitive(first.status()));
        j.add("location", str(first == null ? null : first.location().orElse(null)));
        j.addProperty("elapsedMs", p.elapsedMs());
        j.add("error", str(p.error() == null ? null : p.error().jsonName()));
        j.addProperty("errorDetail", p.errorDetail());
        p.last().ifPresent(l -> j.addProperty("finalUrl", l.url().toString()));
        j.add("resolvedAddresses", strings(p.resolvedAddresses()));
        JsonArray hops = new JsonArray();
        for (RecordedResponse r : p.hops()) hops.add(hop(r));
        j.add("hops", hops);
        return j;
    }

    static JsonObject hop(RecordedResponse r) {
        JsonObject h = new JsonObject();
        h.addProperty("url", r.url().toString());
        h.addProperty("status", r.status());
        h.addProperty("reason", r.reason());
        h.add("location", str(r.location().orElse(null)));
        h.addProperty("elapsedMs", r.elapsedMs());
        JsonArray headers = new JsonArray();
        for (Headers.Field f : r.headers().fields()) {
            JsonArray pair = new JsonArray();
            pair.add(f.name());
            pair.add(f.value());
            headers.add(pair);
        }
        h.add("headers", headers);
        h.addProperty("bodyBytes", r.bodyLength());
        h.addProperty("bodyTruncated", r.truncated());
        h.addProperty("bodyExcerpt", excerpt(r));
        return h;
    }

    /**
     * The first {@link #BODY_EXCERPT_CHARS} characters of the body as text, decoded as the login-link extractor
     * reads it ({@link BodyText}: gzip/deflate undone, charset from the byte-order mark, Content-Type, meta
     * or the bytes), control characters replaced.
     */
    public static String excerpt(RecordedResponse r) {
        if (r.bodyLength() == 0) return "";
        String s = BodyText.of(r);
        int cut = Math.min(s.length(), BODY_EXCERPT_CHARS);
        if (cut < s.length() && Character.isHighSurrogate(s.charAt(cut - 1))) cut--; // never half a character
        StringBuilder sb = new StringBuilder(cut);
        s.substring(0, cut).codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t' || (cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0))) sb.appendCodePoint(cp);
            else if (cp != '\r') sb.append('\uFFFD');
        });
        return sb.toString();
    }

    /** A string, or JSON null for null. */
    static JsonElement str(Object o) {
        return o == null ? JsonNull.INSTANCE : new JsonPrimitive(o.toString());
    }

    static JsonObject capport(CapportStatus c) {
        JsonObject j = new JsonObject();
        j.addProperty("apiUrl", c.apiUrl().toString());
        j.addProperty("discoveredFrom", c.discoveredFrom());
        j.addProperty("captive", c.captive());
        j.add("userPortalUrl", str(c.userPortalUrl().orElse(null)));
        j.add("venueInfoUrl", str(c.venueInfoUrl().orElse(null)));
        j.add("secondsRemaining", c.secondsRemaining().isPresent() ? new JsonPrimitive(c.secondsRemaining().getAsLong()) : JsonNull.INSTANCE);
        j.add("bytesRemaining", c.bytesRemaining().isPresent() ? new JsonPrimitive(c.bytesRemaining().getAsLong()) : JsonNull.INSTANCE);
        j.addProperty("canExtendSession", c.canExtendSession());
        j.add("warnings", strings(c.warnings()));
        return j;
    }

    /** A JSON array of {@code values}, in order. */
    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
