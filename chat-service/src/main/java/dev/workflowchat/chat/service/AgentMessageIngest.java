package dev.workflowchat.chat.service;

import dev.workflowchat.chat.Message;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.repository.MessageBatch;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.event.InboundEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Agents' plain messages read together from the in-stream, stored in one transaction: ids
 * claimed, numbers taken, messages and changes inserted, a statement each for the whole batch;
 * then announced in order. The same messages, one by one, would each take a transaction.
 * Only messages that need nothing else qualify ({@link #qualifies}); the rest go the one-by-one way.
 * A batch lets the people's sends of the moment be stored first ({@link GroupedSends#quiet}).
 */
@ApplicationScoped
public class AgentMessageIngest {

    private final Pool pool;
    private final MessageBatch batch;
    private final ChangeRecorder recorder;
    private final ChangePublisher publisher;
    private final AgentMetadata agentMetadata;
    private final GroupedSends peopleSends;
    private final ChatConfig config;

    public AgentMessageIngest(Pool pool, MessageBatch batch, ChangeRecorder recorder, ChangePublisher publisher,
                              AgentMetadata agentMetadata, GroupedSends peopleSends, ChatConfig config) {
        this.agentMetadata = agentMetadata;
        this.peopleSends = peopleSends;
        this.config = config;
        this.pool = pool;
        this.batch = batch;
        this.recorder = recorder;
        this.publisher = publisher;
    }

    /** A message in a channel that exists already, not in a thread, answering nothing: no lookups needed. */
    public static boolean qualifies(InboundEvent.AgentMessage message) {
        return message.threadId() == null && message.replyTo() == null
                && !ChannelNames.isDm(message.channel());
    }

    /**
     * Stores the messages not applied before (by envelope id), in the order given, and announces
     * them after the commit. Messages for channels that don't exist are left out and returned,
     * for the one-by-one path to refuse with its reason.
     */
    public Uni<Stored> store(List<InboundEvent.AgentMessage> messages) {
        // a flood's batch holds the change lock for a while and fills the machine: people's sends go first
        return peopleSends.quiet(config.redis().peopleFirstWait()).chain(() -> storeNow(messages));
    }

    private Uni<Stored> storeNow(List<InboundEvent.AgentMessage> messages) {
        Set<String> channels = new LinkedHashSet<>();
        messages.forEach(message -> channels.add(message.channel()));
        return pool.withTransaction(connection -> batch.existingChannels(connection, channels)
                .chain(existing -> {
                    List<InboundEvent.AgentMessage> storable = new ArrayList<>();
                    List<InboundEvent.AgentMessage> unknownChannel = new ArrayList<>();
                    messages.forEach(message -> (existing.contains(message.channel()) ? storable : unknownChannel)
                            .add(message));
                    if (storable.isEmpty()) {
                        return Uni.createFrom().item(new Stored(List.of(), 0, unknownChannel));
                    }
                    return batch.claim(connection, storable.stream().map(InboundEvent.AgentMessage::id).toList())
                            .chain(claimed -> {
                                List<InboundEvent.AgentMessage> fresh = firstOfEachClaimed(storable, claimed);
                                int duplicates = storable.size() - fresh.size();
                                if (fresh.isEmpty()) {
                                    return Uni.createFrom().item(new Stored(List.of(), duplicates, unknownChannel));
                                }
                                return batch.nextSeqs(connection, fresh.size())
                                        .chain(seqs -> insert(connection, fresh, seqs))
                                        .map(changes -> new Stored(changes, duplicates, unknownChannel));
                            });
                }))
                .invoke(stored -> publisher.publishInOrder(stored.changes()));
    }

    private Uni<List<RecordedChange>> insert(io.vertx.mutiny.sqlclient.SqlConnection connection,
                                             List<InboundEvent.AgentMessage> fresh, List<Long> seqs) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<MessageBatch.NewMessage> rows = new ArrayList<>(fresh.size());
        List<RecordedChange> changes = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            InboundEvent.AgentMessage event = fresh.get(i);
            Message message = messageOf(event, agentMetadata.clean(event.agent(), event.metadata()), seqs.get(i), now);
            ChangeRecorder.Batched batched = recorder.batched(message);
            rows.add(batched.row());
            changes.add(batched.change());
        }
        return batch.insert(connection, rows).replaceWith(changes);
    }

    /** The messages whose id this transaction claimed, each id once (an id repeated in the batch is a duplicate). */
    private static List<InboundEvent.AgentMessage> firstOfEachClaimed(List<InboundEvent.AgentMessage> storable,
                                                                      Set<String> claimed) {
        Set<String> unused = new java.util.HashSet<>(claimed);
        List<InboundEvent.AgentMessage> fresh = new ArrayList<>();
        for (InboundEvent.AgentMessage message : storable) {
            if (unused.remove(message.id())) {
                fresh.add(message);
            }
        }
        return fresh;
    }

    /** The row as the one-by-one path would store it (MessageService.postAsAgent). */
    private static Message messageOf(InboundEvent.AgentMessage event, Map<String, Object> metadata, long seq,
                                     Instant now) {
        Message message = new Message();
        message.id = UUID.randomUUID();
        message.seq = seq;
        message.channel = event.channel();
        message.authorType = MessageService.AUTHOR_AGENT;
        message.authorId = event.agent();
        message.authorName = event.agent();
        message.content = event.content();
        message.createdAt = now;
        message.metadata = new HashMap<>(metadata);
        message.source = MessageService.SOURCE_AGENT;
        return message;
    }

    /** What a batch did: the changes stored (in order), how many were applied before, and those for unknown channels. */
    public record Stored(List<RecordedChange> changes, int duplicates, List<InboundEvent.AgentMessage> unknownChannel) {
    }
}
