package dev.workflowchat.chat.inbound;

import dev.workflowchat.bus.ResilientSubscriber;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Applies what agents PUBLISH on {@code wfchat:in}, and on their own {@code wfchat:in:<agent>}
 * (one pattern subscription for all of them). Pub/sub is at-most-once: what fails here (the
 * database down) is logged and left to the stream path, which retries.
 */
@ApplicationScoped
public class InboundPubSubListener {

    private final ReactivePubSubCommands<String> pubsub;
    private final InboundProcessor processor;
    private final RedisNames names;
    private Cancellable subscription;
    private Cancellable agentsSubscription;

    public InboundPubSubListener(ReactiveRedisDataSource redis, InboundProcessor processor, RedisNames names) {
        this.pubsub = redis.pubsub(String.class);
        this.processor = processor;
        this.names = names;
    }

    void start(@Observes StartupEvent event) {
        subscription = ResilientSubscriber.subscribe(pubsub, names.in(), raw -> apply(raw, InboundWay.PUBSUB, names.inStream()));
        agentsSubscription = ResilientSubscriber.subscribeToPattern(pubsub, names.agentsInPattern(), (channel, raw) ->
                names.agentOfIn(channel)
                        .map(agent -> apply(raw, InboundWay.agentPubSub(agent), names.inStream(agent)))
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(String raw, InboundWay way, String streamTwin) {
        return processor.process(raw, way)
                .onFailure().invoke(failure -> Log.warnf("a pub/sub event could not be applied now (%s); "
                        + "publish it on %s too so it is retried", failure.getMessage(), streamTwin))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.cancel();
        }
        if (agentsSubscription != null) {
            agentsSubscription.cancel();
        }
    }
}
