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
import java.net.InetAddress;
import java.util.UUID;

/**
 * Reads {@code wfchat:in:stream} in the consumer group {@code chat-service} (see
 * {@link StreamGroupReader}), a read at a time ({@link InboundBatch}): an entry is acknowledged
 * only once its effect is committed or it
 * was dead-lettered; a database failure leaves it pending, to be applied when the database is
 * back; entries a dead replica left pending are taken over with XAUTOCLAIM.
 */
@ApplicationScoped
public class InboundStreamConsumer {

    public static final String GROUP = "chat-service";

    private final StreamGroupReader reader;
    private final ChatConfig config;
    private final ReactiveRedisDataSource redis;
    private final String consumerName;

    public InboundStreamConsumer(ReactiveRedisDataSource redis, InboundBatch batch, DeadLetters deadLetters,
                                 RedisNames names, ChatConfig config) {
        this.config = config;
        this.redis = redis;
        this.consumerName = config.redis().consumerName().orElseGet(InboundStreamConsumer::defaultConsumerName);
        this.reader = StreamGroupReader.batched(redis.stream(String.class, String.class, String.class), names.inStream(),
                GROUP, consumerName,
                config.redis().readBatch(),
                batch::apply,
                entry -> deadLetters.record("stream", null, "stream entry " + entry.id() + " has no '"
                        + StreamGroupReader.EVENT_FIELD + "' field", String.valueOf(entry.payload()), false));
    }

    /** This replica's name in the group (the bridge's stream is read under the same name). */
    String consumerName() {
        return consumerName;
    }

    void start(@Observes StartupEvent event) {
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        reader.stop();
    }

    /**
     * Takes over entries another consumer left pending too long (it presumably died), then removes
     * from the group the consumers gone for good (nothing pending, silent ten claim-idle periods).
     */
    @Scheduled(every = "${wfchat.redis.claim-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> claimAbandoned() {
        return reader.tidy(redis, config.redis().claimIdle());
    }

    private static String defaultConsumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "chat-service";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
