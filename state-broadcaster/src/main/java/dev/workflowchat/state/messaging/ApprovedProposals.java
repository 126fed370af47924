package dev.workflowchat.state.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.bus.StreamGroupReader;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.InvalidEventException;
import dev.workflowchat.protocol.event.ProposedStory;
import dev.workflowchat.state.service.TookTheLead;
import dev.workflowchat.state.service.WorkflowService;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the chat-service's committed changes ({@code wfchat:out:stream}, as the group
 * {@code state-broadcaster}, from the present on its first start) for one thing: a
 * {@code story_proposal} approval decided {@code approved}. Its stories (as modified: a new
 * {@code stories} list, or {@code drop} of some by number or title) join the project's backlog,
 * once. The stream is not trimmed here: others read it back by range.
 */
@ApplicationScoped
public class ApprovedProposals {

    private final EventParser parser;
    private final StateEvents events;
    private final StreamGroupReader reader;

    public ApprovedProposals(ReactiveRedisDataSource redis, EventParser parser, StateEvents events, RedisNames names) {
        this.parser = parser;
        this.events = events;
        this.reader = new StreamGroupReader(redis.stream(String.class, String.class, String.class), names.outStream(),
                StateInbound.GROUP, StateInbound.GROUP, 50, StreamGroupReader.FROM_NOW, this::handle,
                entry -> Uni.createFrom().voidItem());
    }

    /** Only the leader reads (see {@link StateInbound}). */
    void start(@Observes TookTheLead event) {
        reader.start();
    }

    void stop(@Observes ShutdownEvent event) {
        reader.stop();
    }

    Uni<Void> handle(String raw) {
        Envelope envelope;
        try {
            envelope = parser.envelope(raw);
        } catch (InvalidEventException e) {
            return Uni.createFrom().voidItem(); // not ours to judge: the chat-service wrote it
        }
        JsonNode approval = envelope.data();
        if (!EventTypes.APPROVAL_DECIDED.equals(envelope.type())
                || !EventTypes.STORY_PROPOSAL.equals(approval.path("request_type").asText())
                || !"approved".equals(approval.path("status").asText())) {
            return Uni.createFrom().voidItem();
        }
        InboundEvent.StoriesAccepted accepted;
        try {
            accepted = accepted(envelope.id(), approval);
        } catch (InvalidEventException e) {
            Log.warnf("approved proposal %s can't be applied: %s", approval.path("approval_id").asText(), e.getMessage());
            return events.refuse(StateWay.STREAM, e.getMessage(), raw);
        }
        return events.apply(accepted, raw, StateWay.STREAM);
    }

    /** The stories to add: the proposal's, or the decision's own list, less those it drops. */
    static InboundEvent.StoriesAccepted accepted(String id, JsonNode approval) {
        JsonNode payload = approval.path("payload");
        JsonNode modifications = approval.path("modifications");
        List<ProposedStory> stories = new ArrayList<>(modifications.has("stories")
                ? ProposedStory.listOf(id, modifications.get("stories"), "modifications.stories")
                : ProposedStory.listOf(id, payload.get("stories"), "stories"));
        Set<String> dropped = new java.util.HashSet<>();
        modifications.path("drop").forEach(item -> dropped.add(item.asText().strip().toLowerCase(java.util.Locale.ROOT)));
        List<ProposedStory> kept = new ArrayList<>();
        for (int i = 0; i < stories.size(); i++) {
            ProposedStory story = stories.get(i);
            if (!dropped.contains(String.valueOf(i + 1)) && !dropped.contains(story.title().toLowerCase(java.util.Locale.ROOT))) {
                kept.add(story);
            }
        }
        String project = payload.path("project").asText(null);
        if (project == null) {
            throw new InvalidEventException(id, "a story proposal names its project");
        }
        return new InboundEvent.StoriesAccepted(id, "chat-service", project,
                payload.path("epic").isTextual() ? payload.path("epic").asText() : null, kept,
                approval.path("decided_by").asText("someone"));
    }
}
