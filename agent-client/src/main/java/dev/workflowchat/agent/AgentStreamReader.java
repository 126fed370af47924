package dev.workflowchat.agent;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Reads the agent's stream from a position it keeps in memory, so a lost connection resumes
 * where it stopped instead of where Redis happens to be; a failure backs off and retries.
 */
final class AgentStreamReader implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AgentStreamReader.class.getName());
    private static final Duration BLOCK = Duration.ofSeconds(2);
    private static final int BATCH = 100;
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    private final RedisStreams redis;
    private final String stream;
    private final AgentEventDecoder decoder = new AgentEventDecoder();
    private final Consumer<AgentEvent> onEvent;
    private final ScheduledExecutorService retries;
    private volatile String position;
    private volatile boolean running = true;
    private volatile Cancellable loop;

    /** Reads entries after {@code startAfter}, giving each decoded one to {@code onEvent} (on a Vert.x thread); backs off on {@code retries}. */
    AgentStreamReader(RedisStreams redis, String stream, String startAfter, ScheduledExecutorService retries,
                      Consumer<AgentEvent> onEvent) {
        this.redis = redis;
        this.retries = retries;
        this.stream = stream;
        this.position = startAfter;
        this.onEvent = onEvent;
    }

    void start() {
        loop = Multi.createBy().repeating()
                .uni(() -> redis.readAfter(stream, position, BATCH, BLOCK))
                .whilst(ignored -> running)
                .onFailure().invoke(failure -> {
                    if (running) {
                        LOG.log(System.Logger.Level.WARNING, "reading {0} failed ({1}); retrying", stream,
                                failure.getMessage());
                    }
                })
                .onFailure(failure -> running).retry().withBackOff(FIRST_RETRY, MAX_RETRY).withExecutor(retries).indefinitely()
                .subscribe().with(this::handleAll, failure -> {
                    if (running) {
                        LOG.log(System.Logger.Level.ERROR, "stopped reading " + stream, failure);
                    }
                });
    }

    @Override
    public void close() {
        running = false;
        if (loop != null) {
            loop.cancel();
        }
    }

    private void handleAll(List<StreamEntry> entries) {
        for (StreamEntry entry : entries) {
            position = entry.id();
            AgentEvent event;
            try {
                event = decoder.decode(entry);
            } catch (RuntimeException e) {
                // Someone else's bad write must not wedge the agent: skip it, say so once.
                LOG.log(System.Logger.Level.WARNING, "skipping entry {0} of {1}: {2}", entry.id(), stream, e.getMessage());
                continue;
            }
            onEvent.accept(event);
        }
    }
}
