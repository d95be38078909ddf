package io.captivewatch.core.extract;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON link source: login-ish fields ({@code user-portal-url}, {@code loginUrl}, {@code login_url}, ...)
 * of a JSON object body and of the objects directly inside it, read leniently with Gson's streaming reader,
 * at most {@link #MAX_JSON_FIELDS} fields. Malformed JSON keeps what was found before the error.
 */
final class JsonLinks {
    private JsonLinks() {}

    private static final int MAX_JSON_FIELDS = 2000;

    /** Field names (lower case, without '-' and '_') and their scores; nested fields score 5 less. */
    private static final Map<String, Integer> JSON_KEYS = Map.ofEntries(
            Map.entry("userportalurl", 870), Map.entry("loginurl", 860), Map.entry("loginuri", 860),
            Map.entry("loginpage", 850), Map.entry("portalurl", 840), Map.entry("captiveportal", 820),
            Map.entry("captiveportalurl", 840), Map.entry("login", 700), Map.entry("authurl", 820),
            Map.entry("redirecturl", 600), Map.entry("redirecturi", 600), Map.entry("redirect", 580),
            Map.entry("url", 400), Map.entry("href", 380), Map.entry("link", 380), Map.entry("location", 400));

    static void find(String text, URI base, Finds out) {
        try (JsonReader jr = new JsonReader(new StringReader(text))) {
            jr.setStrictness(com.google.gson.Strictness.LENIENT);
            if (jr.peek() != JsonToken.BEGIN_OBJECT) return;
            int[] budget = {MAX_JSON_FIELDS};
            object(jr, 0, base, out, budget);
        } catch (Exception | StackOverflowError e) {
            // malformed JSON: keep what was found before the error
        }
    }

    private static void object(JsonReader jr, int depth, URI base, Finds out, int[] budget) throws IOException {
        jr.beginObject();
        while (jr.hasNext()) {
            if (--budget[0] < 0) throw new IOException("too many fields");
            String name = jr.nextName();
            JsonToken t = jr.peek();
            if (t == JsonToken.STRING) {
                String value = jr.nextString();
                Integer score = JSON_KEYS.get(name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", ""));
                if (score != null) {
                    out.add(base, value, LinkSource.JSON, score - depth * 5,
                            "\"" + Finds.shorten(name, 40) + "\"" + (depth > 0 ? " (nested)" : ""));
                }
            } else if (t == JsonToken.BEGIN_OBJECT && depth == 0) {
                object(jr, depth + 1, base, out, budget);
            } else {
                jr.skipValue();
            }
        }
        jr.endObject();
    }
}
