package dev.workflowchat.chat.inbound;

import dev.workflowchat.bus.StreamDiscovery;
import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.bus.StreamGroupUpkeep;
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
import java.util.List;
import java.util.UUID;

/**
 * Reads every durable way in, as this replica's consumer of the group {@code chat-service}, with
 * one blocking read for all of them ({@link StreamGroupReader}): the shared
 * {@code wfchat:in:stream}, the bridge's own {@code wfchat:bridge:in:stream}, and each agent's own
 * {@code wfchat:in:<agent>:stream}, found by looking for them every
 * {@code wfchat.redis.agent-streams-scan-every}. An entry is acknowledged only once its effect is
 * committed or it was dead-lettered; a database failure leaves it pending, to be applied when the
 * database is back; entries a dead replica left pending are taken over, and entries every group
 * has acknowledged are trimmed, so no way in grows forever.
 */
@ApplicationScoped
public class InboundStreams {

    public static final String GROUP = "chat-service";

    private final StreamGroupReader reader;
    private final StreamGroupUpkeep upkeep;
    private final InboundBatch batch;
    private final InboundProcessor processor;
    private final RedisNames names;
    private final ReactiveRedisDataSource redis;
    private final ChatConfig config;

    public InboundStreams(ReactiveRedisDataSource redis, InboundBatch batch, InboundProcessor processor,
                          DeadLetters deadLetters, RedisNames names, ChatConfig config) {
        this.batch = batch;
        this.processor = processor;
        this.names = names;
        this.redis = redis;
        this.config = config;
        this.reader = StreamGroupReader.ofStreams(redis.stream(String.class, String.class, String.class), GROUP,
                config.redis().consumerName().orElseGet(InboundStreams::defaultConsumerName),
                config.redis().readBatch(), this::apply,
                entry -> deadLetters.record(wayOf(entry.key()).label(), null, "stream entry " + entry.id() + " has no '"
                        + StreamGroupReader.EVENT_FIELD + "' field", String.valueOf(entry.payload()), false));
        reader.add(names.inStream());
        reader.add(names.bridgeInStream());
        this.upkeep = reader.upkeep(redis);
    }

    void start(@Observes StartupEvent event) {
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        reader.stop();
    }

    /**
     * Takes over entries another consumer left pending too long (it presumably died), removes from
     * the group the consumers gone for good, and trims what every group has acknowledged.
     */
    @Scheduled(every = "${wfchat.redis.claim-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tidy() {
        return upkeep.tidy(config.redis().claimIdle()).chain(upkeep::trimAcknowledged);
    }

    /** Adds the agents' own streams that appeared since the last look (and at start). */
    @Scheduled(every = "${wfchat.redis.agent-streams-scan-every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> findAgentStreams() {
        return StreamDiscovery.addNewAgentStreams(redis, reader, names.agentsInStreamPattern(), names::agentOfIn);
    }

    private Uni<Void> apply(String stream, List<String> envelopes) {
        InboundWay way = wayOf(stream);
        if (way.isBridge()) {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (String raw : envelopes) {
                all = all.chain(() -> processor.process(raw, way).replaceWithVoid());
            }
            return all;
        }
        return batch.apply(way, envelopes);
    }

    private InboundWay wayOf(String stream) {
        if (stream.equals(names.bridgeInStream())) {
            return InboundWay.BRIDGE;
        }
        return names.agentOfIn(stream).filter(agent -> !stream.equals(names.inStream()))
                .map(InboundWay::agentStream).orElse(InboundWay.STREAM);
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
