package io.captivewatch.core.probe;

/**
 * Bounds for everything a probe (or the raw-response parser) reads, so a hostile or broken network
 * cannot make CaptiveWatch read forever or hold unbounded memory.
 *
 * @param maxBodyBytes    body bytes kept per response; the rest is not read ({@code truncated})
 * @param maxRedirects    redirect hops followed after the first request
 * @param maxHeaderFields header fields accepted per response
 * @param maxHeadBytes    bytes of status line plus headers accepted per response
 */
public record ProbeLimits(int maxBodyBytes, int maxRedirects, int maxHeaderFields, int maxHeadBytes) {
    /** 256 KiB of body, 10 redirects, 200 header fields, 64 KiB of head. */
    public static final ProbeLimits DEFAULT = new ProbeLimits(256 * 1024, 10, 200, 64 * 1024);

    public ProbeLimits {
        if (maxBodyBytes < 0) throw new IllegalArgumentException("maxBodyBytes < 0");
        if (maxRedirects < 0) throw new IllegalArgumentException("maxRedirects < 0");
        if (maxHeaderFields < 1) throw new IllegalArgumentException("maxHeaderFields < 1");
        if (maxHeadBytes < 16) throw new IllegalArgumentException("maxHeadBytes < 16");
    }

    public ProbeLimits withMaxBodyBytes(int n) {
        return new ProbeLimits(n, maxRedirects, maxHeaderFields, maxHeadBytes);
    }

    public ProbeLimits withMaxRedirects(int n) {
        return new ProbeLimits(maxBodyBytes, n, maxHeaderFields, maxHeadBytes);
    }
}
