package io.captivewatch.core.recipe;

import io.captivewatch.core.classify.Verdict;
import io.captivewatch.core.extract.BodyText;
import io.captivewatch.core.probe.PageExchange;
import io.captivewatch.core.probe.RecordedResponse;
import io.captivewatch.core.url.SafeUrl;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Signs in again by itself (issue #20): fetches the portal's login page, replays each {@link Recipe} step with
 * {@link ReplayPlanner} against the page just fetched (fresh tokens, a cookie jar of its own for this replay
 * only), follows redirects within bounds (http(s) only, never to this computer unless the portal is there), and
 * finally asks the {@link Confirmation} (a real check) whether the network is online. Anything else is a
 * {@link Outcome.Fallback}: the caller opens the login window as usual. One budget bounds the whole replay.
 */
public final class Replayer {
    /** Redirects followed after one request. */
    public static final int MAX_REDIRECTS = 10;
    /** The whole replay, confirmation included. */
    public static final Duration BUDGET = Duration.ofSeconds(20);
    /** How many checks may confirm (a portal's firewall can take a moment). */
    public static final int CONFIRM_TRIES = 3;

    /** Sends one request: {@link PageExchange#send} in the product. */
    @FunctionalInterface
    public interface Transport {
        RecordedResponse send(String method, URI url, URI origin, List<PageExchange.Header> headers, byte[] body,
                              long deadlineNanos) throws IOException;
    }

    /** A real check of the network (the detector), after the last step. */
    @FunctionalInterface
    public interface Confirmation {
        Verdict check() throws InterruptedException;
    }

    /** How a replay ended. */
    public sealed interface Outcome {
        /** Online after {@code millis}. */
        record SignedIn(long millis) implements Outcome {}

        /** Stopped: {@code reason} says where and why. */
        record Fallback(String reason) implements Outcome {}
    }

    private final Transport transport;
    private final Duration budget;
    private final Duration confirmPause;

    public Replayer() {
        this(new PageExchange()::send, BUDGET, Duration.ofSeconds(1));
    }

    public Replayer(Transport transport, Duration budget, Duration confirmPause) {
        this.transport = transport;
        this.budget = budget;
        this.confirmPause = confirmPause;
    }

    /** Replays {@code recipe} starting at {@code loginUrl}; never throws (but keeps an interrupt). */
    public Outcome replay(URI loginUrl, Recipe recipe, Confirmation confirm) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        if (!SafeUrl.isAcceptable(loginUrl)) return new Outcome.Fallback("the login address is not http(s)");
        Cookies cookies = new Cookies();
        try {
            Page page = fetch("GET", loginUrl, null, loginUrl, cookies, deadline);
            for (int i = 0; i < recipe.steps().size(); i++) {
                if (page.response.status() / 100 != 2) {
                    return new Outcome.Fallback("step " + (i + 1) + ": the page answered " + page.response.status());
                }
                ReplayPlanner.Plan plan = ReplayPlanner.plan(page.url, BodyText.of(page.response), recipe.steps().get(i), loginUrl);
                if (plan instanceof ReplayPlanner.Plan.Mismatch m) {
                    return new Outcome.Fallback("step " + (i + 1) + ": " + m.reason());
                }
                ReplayPlanner.Plan.Submit s = (ReplayPlanner.Plan.Submit) plan;
                page = fetch(s.method(), s.url(), s.body(), loginUrl, cookies, deadline);
                int st = page.response.status();
                if (st / 100 != 2) return new Outcome.Fallback("step " + (i + 1) + ": the portal answered " + st);
            }
            for (int t = 0; t < CONFIRM_TRIES; t++) {
                if (confirm.check() == Verdict.ONLINE) {
                    return new Outcome.SignedIn(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
                if (t + 1 < CONFIRM_TRIES) {
                    long pause = Math.min(confirmPause.toNanos(), deadline - System.nanoTime());
                    if (pause <= 0) break;
                    TimeUnit.NANOSECONDS.sleep(pause);
                }
            }
            return new Outcome.Fallback("every step went through, but the network is not online");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Fallback("interrupted");
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome.Fallback(m.length() > 200 ? m.substring(0, 200) : m);
        }
    }

    private record Page(URI url, RecordedResponse response) {}

    private Page fetch(String method, URI url, byte[] body, URI origin, Cookies cookies, long deadline) throws IOException {
        URI current = url;
        String m = method;
        byte[] b = body;
        URI referer = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (System.nanoTime() >= deadline) throw new IOException("the replay ran out of time");
            List<PageExchange.Header> headers = new ArrayList<>();
            cookies.header(current).ifPresent(c -> headers.add(new PageExchange.Header("Cookie", c)));
            if (referer != null) headers.add(new PageExchange.Header("Referer", referer.toString()));
            RecordedResponse r = transport.send(m, current, origin, headers, b, deadline);
            cookies.take(current, r.headers().all("Set-Cookie"));
            if (!r.isRedirect() || r.location().isEmpty()) return new Page(current, r);
            Optional<URI> next = SafeUrl.resolve(current, r.location().get());
            if (next.isEmpty()) throw new IOException("a redirect to something other than http(s)");
            if (!SafeUrl.isAcceptableFrom(origin, next.get())) {
                throw new IOException("a redirect " + SafeUrl.problemFrom(origin, next.get()).orElse("was refused"));
            }
            if (!(r.status() == 307 || r.status() == 308)) {
                m = "GET";
                b = null;
            }
            referer = current;
            current = next.get();
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects");
    }

    /** The replay's own cookies: host-only, bounded, forgotten when the replay ends. */
    static final class Cookies {
        static final int MAX = 50;
        private final Map<String, Map<String, String>> byHost = new LinkedHashMap<>();
        private int count;

        void take(URI url, List<String> setCookies) {
            String host = url.getHost().toLowerCase(Locale.ROOT);
            for (String sc : setCookies) {
                String pair = sc.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq <= 0 || pair.length() > 4096) continue;
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                if (name.isEmpty() || !name.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+")
                        || value.chars().anyMatch(c -> c < 0x21 || c == ';' || c == 0x7f || c > 0x7e)) continue;
                Map<String, String> jar = byHost.computeIfAbsent(host, h -> new LinkedHashMap<>());
                if (!jar.containsKey(name)) {
                    if (count >= MAX) continue;
                    count++;
                }
                jar.put(name, value);
            }
        }

        Optional<String> header(URI url) {
            Map<String, String> jar = byHost.get(url.getHost().toLowerCase(Locale.ROOT));
            if (jar == null || jar.isEmpty()) return Optional.empty();
            StringBuilder sb = new StringBuilder();
            jar.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            return Optional.of(sb.toString());
        }
    }
}
