package dev.workflowchat.bus;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One SUBSCRIBE (or PSUBSCRIBE) on a connection of its own, taken from the client's pool and
 * given back by {@link #close()} whatever became of it. The Quarkus subscriber gives its
 * connection back only after an UNSUBSCRIBE succeeds, which never happens on a connection Redis
 * dropped, and a subscription abandoned for answering late keeps its connection forever: each
 * Redis restart cost the pool a connection per subscription until the pool was empty and every
 * command waited. It also waits for the "subscribe" event on a handler it sets only after the
 * SUBSCRIBE's answer, and may miss it. Here the answer to the command is the confirmation, and a
 * connection that arrives after {@link #close()} is given back at once.
 */
final class PubSubConnection {

    // A library outside the application index: the JBoss logger, not io.quarkus.logging.Log.
    private static final Logger LOG = Logger.getLogger(PubSubConnection.class);

    private final Redis redis;
    private final Command command;
    private final String target;
    private RedisConnection connection;
    private boolean closed;

    private PubSubConnection(Redis redis, Command command, String target) {
        this.redis = redis;
        this.command = command;
        this.target = target;
    }

    static PubSubConnection channel(Redis redis, String channel) {
        return new PubSubConnection(redis, Command.SUBSCRIBE, channel);
    }

    static PubSubConnection pattern(Redis redis, String pattern) {
        return new PubSubConnection(redis, Command.PSUBSCRIBE, pattern);
    }

    /**
     * Connects and subscribes: {@code onMessage} hears (channel, message), on a duplicated context
     * marked safe as the Quarkus subscriber's handlers do (Hibernate Reactive needs one);
     * {@code onEnd} and {@code onFailure} hear of the connection's end and errors.
     */
    Uni<Void> open(BiConsumer<String, String> onMessage, Runnable onEnd, Consumer<Throwable> onFailure) {
        return redis.connect().chain(opened -> {
            if (!adopt(opened)) {
                return Uni.createFrom().failure(new IllegalStateException(command + " " + target + " was stopped"));
            }
            opened.handler(response -> onContext(() -> heard(response, onMessage)));
            opened.endHandler(() -> onContext(onEnd));
            opened.exceptionHandler(failure -> onContext(() -> onFailure.accept(failure)));
            return opened.send(Request.cmd(command).arg(target)).replaceWithVoid();
        });
    }

    /** Gives the connection back (Redis forgets the subscription with it); later ones too. */
    void close() {
        RedisConnection open;
        synchronized (this) {
            closed = true;
            open = connection;
            connection = null;
        }
        if (open != null) {
            open.close().subscribe().with(ignored -> { },
                    failure -> LOG.debugf("closing the connection of %s %s: %s", command, target, failure.getMessage()));
        }
    }

    private boolean adopt(RedisConnection opened) {
        synchronized (this) {
            if (!closed) {
                connection = opened;
                return true;
            }
        }
        opened.close().subscribe().with(ignored -> { }, failure -> { });
        return false;
    }

    /** RESP2 arrays and RESP3 pushes alike: [message, channel, body] or [pmessage, pattern, channel, body]. */
    private static void heard(Response response, BiConsumer<String, String> onMessage) {
        if (response == null || response.size() == 0) {
            return;
        }
        String kind = response.get(0).toString();
        if ("message".equalsIgnoreCase(kind) && response.size() >= 3) {
            onMessage.accept(response.get(1).toString(), response.get(2).toString());
        } else if ("pmessage".equalsIgnoreCase(kind) && response.size() >= 4) {
            onMessage.accept(response.get(2).toString(), response.get(3).toString());
        }
    }

    private static void onContext(Runnable action) {
        Context current = Vertx.currentContext();
        if (current == null) {
            action.run();
            return;
        }
        Context duplicated = VertxContext.getOrCreateDuplicatedContext(current);
        VertxContextSafetyToggle.setContextSafe(duplicated, true);
        duplicated.runOnContext(ignored -> action.run());
    }
}
