package dev.workflowchat.chat.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAllowABurstThenTheSustainedRate() {
        FrameRateLimiter limiter = new FrameRateLimiter(20, 40, 0);
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            if (limiter.tryAcquire(0)) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(40);
        assertThat(limiter.tryAcquire(SECOND / 20)).isTrue();
        assertThat(limiter.tryAcquire(SECOND / 20)).isFalse();
    }

    @Test
    void shouldLetASteadySenderAtTheRateThrough() {
        FrameRateLimiter limiter = new FrameRateLimiter(20, 40, 0);
        for (int i = 1; i <= 200; i++) {
            assertThat(limiter.tryAcquire(i * SECOND / 20)).isTrue();
        }
    }

    @Test
    void shouldNotSaveUpMoreThanTheBurst() {
        FrameRateLimiter limiter = new FrameRateLimiter(20, 40, 0);
        long later = 3600 * SECOND;
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            if (limiter.tryAcquire(later)) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(40);
    }
}
