package dev.workflowchat.chat.inbound;

import dev.workflowchat.chat.service.AgentMessageIngest;
import dev.workflowchat.chat.service.DependencyFailures;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies what one read of the in-stream returned, in stream order: each run of consecutive plain
 * agent messages in one transaction ({@link AgentMessageIngest}), everything else one by one
 * ({@link InboundProcessor}). A run the batch can't store for a reason of its own (not the database
 * being down) is applied one by one instead, so a bad entry is dead-lettered alone with its reason.
 */
@ApplicationScoped
public class InboundBatch {

    private final EventParser parser;
    private final InboundProcessor processor;
    private final AgentMessageIngest ingest;

    public InboundBatch(EventParser parser, InboundProcessor processor, AgentMessageIngest ingest) {
        this.parser = parser;
        this.processor = processor;
        this.ingest = ingest;
    }

    /** What one read of a stream that came the given way returned, in order. */
    public Uni<Void> apply(InboundWay way, List<String> raws) {
        Uni<Void> all = Uni.createFrom().voidItem();
        List<Plain> run = new ArrayList<>();
        for (String raw : raws) {
            InboundEvent.AgentMessage message = plainAgentMessage(way, raw);
            if (message != null) {
                run.add(new Plain(raw, message));
                continue;
            }
            all = flush(way, all, run);
            run = new ArrayList<>();
            all = all.chain(() -> processor.process(raw, way).replaceWithVoid());
        }
        return flush(way, all, run);
    }

    private Uni<Void> flush(InboundWay way, Uni<Void> before, List<Plain> run) {
        if (run.isEmpty()) {
            return before;
        }
        if (run.size() == 1) {
            return before.chain(() -> processor.process(run.get(0).raw(), way).replaceWithVoid());
        }
        return before.chain(() -> ingest.store(run.stream().map(Plain::message).toList())
                .chain(stored -> {
                    processor.count(way.label(), EventTypes.AGENT_MESSAGE, InboundOutcome.APPLIED,
                            stored.changes().size());
                    processor.count(way.label(), EventTypes.AGENT_MESSAGE, InboundOutcome.DUPLICATE,
                            stored.duplicates());
                    Uni<Void> refused = Uni.createFrom().voidItem();
                    for (InboundEvent.AgentMessage unknown : stored.unknownChannel()) {
                        String raw = rawOf(run, unknown);
                        refused = refused.chain(() -> processor.process(raw, way).replaceWithVoid());
                    }
                    return refused;
                })
                .onFailure(failure -> !DependencyFailures.isUnavailable(failure)).recoverWithUni(failure -> {
                    Log.warnf("a batch of %d agent messages failed (%s); applying them one by one", run.size(),
                            failure.getMessage());
                    Uni<Void> oneByOne = Uni.createFrom().voidItem();
                    for (Plain plain : run) {
                        oneByOne = oneByOne.chain(() -> processor.process(plain.raw(), way).replaceWithVoid());
                    }
                    return oneByOne;
                }));
    }

    /**
     * The event when the entry is a valid agent message, allowed on this way, that qualifies for the
     * batch; else null (the one-by-one path applies it, or dead-letters it with the reason).
     */
    private InboundEvent.AgentMessage plainAgentMessage(InboundWay way, String raw) {
        try {
            Envelope envelope = parser.envelope(raw);
            if (!EventTypes.AGENT_MESSAGE.equals(envelope.type())) {
                return null;
            }
            InboundEvent event = parser.inbound(envelope);
            InboundProcessor.requireAllowedOn(way, envelope, event);
            return event instanceof InboundEvent.AgentMessage message && AgentMessageIngest.qualifies(message)
                    ? message : null;
        } catch (InvalidEventException e) {
            return null;
        }
    }

    private static String rawOf(List<Plain> run, InboundEvent.AgentMessage message) {
        return run.stream().filter(plain -> plain.message() == message).findFirst().orElseThrow().raw();
    }

    private record Plain(String raw, InboundEvent.AgentMessage message) {
    }
}
