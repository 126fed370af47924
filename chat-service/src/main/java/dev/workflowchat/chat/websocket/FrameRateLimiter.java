package dev.workflowchat.chat.websocket;

/**
 * A token bucket per connection: {@code ratePerSecond} frames sustained, {@code burst} at once.
 * Only the connection's own frames touch it, one at a time, but they may arrive on different
 * threads, hence {@code synchronized}.
 */
public final class FrameRateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastRefill;

    public FrameRateLimiter(int ratePerSecond, int burst, long nowNanos) {
        this.ratePerNano = (double) ratePerSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefill = nowNanos;
    }

    /** True when a frame arriving now is within the limit. */
    public synchronized boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastRefill) * ratePerNano);
        lastRefill = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
