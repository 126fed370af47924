package dev.workflowchat.chat.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.repository.ChannelRepository;
import dev.workflowchat.chat.service.DuplicatedContexts;
import dev.workflowchat.chat.service.SystemMessages;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts each workflow transition the state-broadcaster announces on {@code wfchat:state} (with
 * what the command said along with it, e.g. a sprint's review), and each TDD move accepted
 * against its evidence, in the channel bound to its project, else in {@code #workflow} (prefixed
 * with the project when it isn't the default one); once however many replicas hear it (the event id is claimed with the post).
 * It hears them through {@link StateEvents}, which reads back what a lost subscription missed, so
 * no transition goes unposted.
 */
@ApplicationScoped
public class WorkflowTransitions implements StateEvents.Handler {

    static final String WORKFLOW_CHANNEL = "workflow";

    private final SystemMessages messages;
    private final DuplicatedContexts contexts;
    private final ChannelRepository channels;

    public WorkflowTransitions(SystemMessages messages, DuplicatedContexts contexts, ChannelRepository channels) {
        this.channels = channels;
        this.messages = messages;
        this.contexts = contexts;
    }

    @Override
    public Uni<Void> handle(Envelope event) {
        JsonNode data = event.data();
        String text;
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (EventTypes.WORKFLOW_TRANSITION.equals(event.type())) {
            text = "State transition: **" + data.path("from").asText() + "** → **" + data.path("to").asText()
                    + "** by " + data.path("by").asText() + " via " + data.path("command").asText()
                    + (data.path("note").isTextual() ? "\n" + data.path("note").asText() : "");
            metadata.put("type", "workflow_transition");
            metadata.put("from", data.path("from").asText());
            metadata.put("to", data.path("to").asText());
        } else if (EventTypes.TDD_TRANSITION.equals(event.type()) && data.path("warning").isTextual()) {
            // a move the evidence contradicts, taken outside strict mode: people must see it
            text = "⚠️ TDD: " + data.path("story_id").asText() + " → **" + data.path("to").asText() + "** by "
                    + data.path("by").asText("an agent") + ": " + data.path("warning").asText();
            metadata.put("type", "tdd_warning");
            metadata.put("story_id", data.path("story_id").asText());
            metadata.put("to", data.path("to").asText());
        } else {
            return Uni.createFrom().voidItem();
        }
        String project = data.path("project").asText(ChannelNames.DEFAULT_PROJECT);
        metadata.put("project", project);
        return contexts.run(() -> Panache.withSession(() -> channels.boundTo(project))
                        .chain(bound -> {
                            boolean elsewhere = bound.isEmpty() && !ChannelNames.DEFAULT_PROJECT.equals(project);
                            String channel = bound.isEmpty() ? WORKFLOW_CHANNEL : bound.get(0);
                            return messages.postOnce(event.id(), event.type(), channel,
                                    elsewhere ? "[" + project + "] " + text : text, metadata);
                        }))
                .replaceWithVoid();
    }
}
