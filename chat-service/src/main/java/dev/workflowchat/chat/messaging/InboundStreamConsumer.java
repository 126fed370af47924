package dev.workflowchat.chat.messaging;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads {@code wfchat:in:stream} in the consumer group {@code chat-service}, one entry after
 * another, and acknowledges an entry only once its effect is committed (or it was
 * dead-lettered). When the database or Redis fails, the loop backs off, then first re-reads
 * this consumer's own pending entries, so nothing is skipped and order is kept. Entries left
 * pending by a consumer that died are taken over with XAUTOCLAIM.
 */
@ApplicationScoped
public class InboundStreamConsumer {

    public static final String GROUP = "chat-service";
    private static final Duration BLOCK = Duration.ofSeconds(2);

    private final ReactiveStreamCommands<String, String, String> streams;
    private final InboundProcessor processor;
    private final DeadLetters deadLetters;
    private final RedisNames names;
    private final ChatConfig config;
    private final String consumer;
    private final AtomicBoolean groupReady = new AtomicBoolean();
    private final AtomicBoolean ownPendingFirst = new AtomicBoolean(true);
    private volatile Cancellable loop;

    public InboundStreamConsumer(ReactiveRedisDataSource redis, InboundProcessor processor, DeadLetters deadLetters,
                                 RedisNames names, ChatConfig config) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.names = names;
        this.config = config;
        this.consumer = config.redis().consumerName().orElseGet(InboundStreamConsumer::defaultConsumerName);
    }

    void start(@Observes StartupEvent event) {
        Log.infof("reading %s as consumer %s of group %s", names.inStream(), consumer, GROUP);
        loop = Multi.createBy().repeating().uni(this::cycle).indefinitely()
                .onFailure().invoke(failure -> {
                    groupReady.set(false);
                    ownPendingFirst.set(true);
                    Log.warnf("reading %s failed (%s); retrying", names.inStream(), failure.getMessage());
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(ignored -> { }, failure -> Log.errorf(failure, "the stream consumer stopped"));
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.cancel();
        }
    }

    /** Takes over entries another consumer left pending too long (it presumably died). */
    @Scheduled(every = "${wfchat.redis.claim-every:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> claimAbandoned() {
        if (!groupReady.get()) {
            return Uni.createFrom().voidItem();
        }
        return streams.xautoclaim(names.inStream(), GROUP, consumer, config.redis().claimIdle(), "0-0",
                        config.redis().readBatch())
                .chain(claimed -> {
                    if (!claimed.getMessages().isEmpty()) {
                        Log.infof("took over %d abandoned entries of %s", claimed.getMessages().size(), names.inStream());
                    }
                    return processAll(claimed.getMessages());
                })
                .onFailure().invoke(failure -> Log.warnf("claiming abandoned entries failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> cycle() {
        return ensureGroup().chain(this::read).chain(this::processAll);
    }

    private Uni<Void> ensureGroup() {
        if (groupReady.get()) {
            return Uni.createFrom().voidItem();
        }
        // From id 0: entries added before the first replica ever started are read too.
        return streams.xgroupCreate(names.inStream(), GROUP, "0", new XGroupCreateArgs().mkstream())
                .onFailure(failure -> String.valueOf(failure.getMessage()).contains("BUSYGROUP")).recoverWithNull()
                .invoke(() -> groupReady.set(true));
    }

    private Uni<List<StreamMessage<String, String, String>>> read() {
        if (ownPendingFirst.get()) {
            return streams.xreadgroup(GROUP, consumer, names.inStream(), "0",
                            new XReadGroupArgs().count(config.redis().readBatch()))
                    .invoke(pending -> {
                        if (pending.isEmpty()) {
                            ownPendingFirst.set(false);
                        }
                    });
        }
        return streams.xreadgroup(GROUP, consumer, names.inStream(), ">",
                new XReadGroupArgs().count(config.redis().readBatch()).block(BLOCK));
    }

    private Uni<Void> processAll(List<StreamMessage<String, String, String>> entries) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (StreamMessage<String, String, String> entry : entries) {
            all = all.chain(() -> processOne(entry));
        }
        return all;
    }

    private Uni<Void> processOne(StreamMessage<String, String, String> entry) {
        String raw = entry.payload() == null ? null : entry.payload().get(RedisEvents.EVENT_FIELD);
        Uni<?> effect = raw == null
                ? deadLetters.record("stream", null, "stream entry " + entry.id() + " has no '"
                        + RedisEvents.EVENT_FIELD + "' field", String.valueOf(entry.payload()), false)
                : processor.process(raw, "stream");
        return effect.chain(() -> streams.xack(names.inStream(), GROUP, entry.id())).replaceWithVoid();
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
