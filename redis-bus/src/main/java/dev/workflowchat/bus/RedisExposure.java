package dev.workflowchat.bus;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Whether a Redis answers commands from anyone who reaches it: a connection with no credentials
 * at all is opened to the same host and port, and asked to PING. Redis is the bus, and whoever
 * can write to it is trusted as far as the event types allow; an open one trusts the network.
 */
public final class RedisExposure {

    private static final Duration PROBE_WAIT = Duration.ofSeconds(5);

    private RedisExposure() {
    }

    /** True when the Redis of {@code hostsUri} answers an unauthenticated PING; false when it refuses or can't be reached. */
    public static Uni<Boolean> acceptsAnonymous(Vertx vertx, String hostsUri) {
        String anonymous = withoutCredentials(hostsUri);
        if (anonymous == null) {
            return Uni.createFrom().item(false);
        }
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(anonymous)
                .setMaxPoolSize(1).setMaxPoolWaiting(1).setProtocolNegotiation(false));
        return Reconnect.bounded(client.send(Request.cmd(Command.PING)), PROBE_WAIT, "probing Redis without credentials")
                .map(answer -> answer != null && "PONG".equalsIgnoreCase(answer.toString()))
                .onFailure().recoverWithItem(false)
                .eventually(client::close);
    }

    /** The first host of the URI with scheme, host and port only; null when it can't be read. */
    static String withoutCredentials(String hostsUri) {
        if (hostsUri == null || hostsUri.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(hostsUri.split(",")[0].strip());
            if (uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() < 0 ? 6379 : uri.getPort();
            return new URI(uri.getScheme(), null, uri.getHost(), port, null, null, null).toString();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
