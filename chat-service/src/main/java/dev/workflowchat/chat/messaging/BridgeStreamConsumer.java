package dev.workflowchat.chat.messaging;

import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Reads the Discord bridge's own stream ({@code wfchat:bridge:in:stream}) in the consumer group
 * {@code chat-service}, the only place {@code bridge.*} events are taken from; otherwise as
 * {@link InboundStreamConsumer}: acknowledged once applied or dead-lettered, retried while the
 * database is down, abandoned entries taken over.
 */
@ApplicationScoped
public class BridgeStreamConsumer {

    private final StreamGroupReader reader;
    private final ChatConfig config;
    private final ReactiveRedisDataSource redis;

    public BridgeStreamConsumer(ReactiveRedisDataSource redis, InboundProcessor processor, DeadLetters deadLetters,
                                RedisNames names, ChatConfig config, InboundStreamConsumer inStream) {
        this.config = config;
        this.redis = redis;
        this.reader = new StreamGroupReader(redis.stream(String.class, String.class, String.class),
                names.bridgeInStream(), InboundStreamConsumer.GROUP, inStream.consumerName(), config.redis().readBatch(),
                raw -> processor.process(raw, InboundProcessor.BRIDGE_ORIGIN).replaceWithVoid(),
                entry -> deadLetters.record(InboundProcessor.BRIDGE_ORIGIN, null, "stream entry " + entry.id()
                        + " has no '" + StreamGroupReader.EVENT_FIELD + "' field", String.valueOf(entry.payload()), false));
    }

    void start(@Observes StartupEvent event) {
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        reader.stop();
    }

    @Scheduled(every = "${wfchat.redis.claim-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> claimAbandoned() {
        return reader.tidy(redis, config.redis().claimIdle());
    }
}
