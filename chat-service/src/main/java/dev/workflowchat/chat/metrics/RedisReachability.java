package dev.workflowchat.chat.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness means "this replica can serve": without Redis it still can (messages are stored and
 * acked, their announcements wait in the backlog, logins work), so a Redis outage is reported as
 * {@code degraded} in the readiness detail and as {@code wfchat_redis_reachable} 0, never as
 * not ready: taking every replica out of the balancer at once would turn a Redis blip into a
 * total outage. PostgreSQL, without which nothing can be served, keeps readiness down (Quarkus's
 * datasource check); Quarkus's own Redis check is off for that reason ({@code quarkus.redis.health.enabled}).
 */
@Readiness
@ApplicationScoped
public class RedisReachability implements AsyncHealthCheck {

    private static final Duration PING_WAIT = Duration.ofSeconds(2);

    private final ReactiveRedisDataSource redis;
    private final AtomicInteger reachable = new AtomicInteger(1);
    private volatile Instant unreachableSince;

    public RedisReachability(ReactiveRedisDataSource redis, MeterRegistry registry) {
        this.redis = redis;
        registry.gauge("wfchat.redis.reachable", reachable);
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return redis.execute("PING").ifNoItem().after(PING_WAIT).fail()
                .map(ignored -> {
                    reachable.set(1);
                    unreachableSince = null;
                    return HealthCheckResponse.named("Redis").up().withData("redis", "reachable").build();
                })
                .onFailure().recoverWithItem(failure -> {
                    reachable.set(0);
                    Instant since = unreachableSince == null ? (unreachableSince = Instant.now()) : unreachableSince;
                    return HealthCheckResponse.named("Redis").up()
                            .withData("degraded", true)
                            .withData("redis", "unreachable since " + since + ": " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage())
                                    + "; messages are stored and announced when it is back")
                            .build();
                });
    }
}
