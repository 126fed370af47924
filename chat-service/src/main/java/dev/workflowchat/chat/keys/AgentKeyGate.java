package dev.workflowchat.chat.keys;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Lets a request in with an agent key, or refuses it ({@link AgentKeyRefused}) before anything is
 * done: unknown, revoked, expired (401), over its rate (429). Counts each key's requests by outcome
 * ({@code wfchat.agent_keys.requests}, tagged with the key's id and agent: admins mint keys, so the
 * tags stay few).
 */
@ApplicationScoped
public class AgentKeyGate {

    private final AgentKeyStore store;
    private final KeyRateLimiter limiter;
    private final MeterRegistry metrics;

    public AgentKeyGate(AgentKeyStore store, KeyRateLimiter limiter, MeterRegistry metrics) {
        this.store = store;
        this.limiter = limiter;
        this.metrics = metrics;
    }

    public Uni<AgentKey> admit(String secret) {
        Instant now = Instant.now();
        return store.byHash(AgentKeySecrets.hash(secret)).chain(found -> {
            if (found.isEmpty()) {
                metrics.counter("wfchat.agent_keys.unknown").increment();
                return Uni.createFrom().failure(AgentKeyRefused.unauthorized("unknown agent key"));
            }
            AgentKey key = found.get();
            String status = key.statusAt(now);
            if (!AgentKey.ACTIVE.equals(status)) {
                count(key, status);
                return Uni.createFrom().failure(AgentKeyRefused.unauthorized("agent key " + key.prefix() + "… is "
                        + status + (AgentKey.REVOKED.equals(status) ? "" : " (at " + key.expiresAt() + ")")
                        + "; ask an admin for a new one"));
            }
            return limiter.count(key.id()).chain(wait -> {
                if (wait > 0) {
                    count(key, "rate_limited");
                    return Uni.createFrom().failure(AgentKeyRefused.rateLimited("agent key " + key.prefix()
                            + "… is over its rate; try again in " + wait + " s", wait));
                }
                count(key, "accepted");
                return store.touch(key.id(), now)
                        .onFailure().recoverWithUni(failure -> {
                            Log.debugf("could not note agent key %s as used: %s", key.id(), failure.getMessage());
                            return Uni.createFrom().voidItem();
                        })
                        .replaceWith(key);
            });
        });
    }

    private void count(AgentKey key, String outcome) {
        metrics.counter("wfchat.agent_keys.requests", "key", key.id(), "agent", key.agent(), "outcome", outcome)
                .increment();
    }
}
