package dev.workflowchat.bus.health;

import dev.workflowchat.bus.LocalRun;
import dev.workflowchat.bus.RedisExposure;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Every service says, at start and in its readiness detail, when the Redis it uses answers
 * commands without a password outside a local run: then anyone who reaches Redis can speak for
 * the bridge, post as the system, or forge what the chat announces. It stays ready (the chat
 * works), and says so loudly. Each service indexes this library ({@code quarkus.index-dependency}).
 */
@Readiness
@ApplicationScoped
public class RedisAccessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(RedisAccessCheck.class);
    static final String WARNING = "Redis answers commands without a password: anyone who reaches it can act for "
            + "the services; turn on its ACLs (docs/operations.md, Redis trust boundary)";

    private final String hosts;
    private final boolean local;
    private volatile Boolean anonymous;

    public RedisAccessCheck(@ConfigProperty(name = "quarkus.redis.hosts") String hosts,
                            @ConfigProperty(name = "wfchat.local-run") Optional<Boolean> localRun) {
        this.hosts = hosts;
        this.local = LocalRun.decide(localRun, List.of(hosts));
    }

    void probe(@Observes StartupEvent event, Vertx vertx) {
        if (local) {
            return;
        }
        RedisExposure.acceptsAnonymous(vertx, hosts).subscribe().with(open -> {
            anonymous = open;
            if (open) {
                LOG.warn(WARNING);
            }
        }, failure -> LOG.debugf("could not probe Redis without credentials: %s", failure.getMessage()));
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Redis access").up();
        if (local) {
            return response.withData("local_run", true).build();
        }
        Boolean open = anonymous;
        response.withData("requires_authentication", open == null ? "unknown" : String.valueOf(!open));
        return (Boolean.TRUE.equals(open) ? response.withData("warning", WARNING) : response).build();
    }
}
