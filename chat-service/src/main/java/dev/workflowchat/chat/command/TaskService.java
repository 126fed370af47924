package dev.workflowchat.chat.command;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.announce.ChangeEvents;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.service.SystemMessages;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.model.Agents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** /assign: the task goes to the agent's channel and stream, and a note to the channel it was given in. */
@ApplicationScoped
public class TaskService {

    private final SystemMessages messages;
    private final ChangePublisher publisher;

    public TaskService(SystemMessages messages, ChangePublisher publisher) {
        this.messages = messages;
        this.publisher = publisher;
    }

    public Uni<Void> assign(ChatUser user, String agent, String task, String channel) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("agent", agent);
        data.put("task", task);
        data.put("assigned_by", user.username());
        data.put("channel", channel);
        Envelope assigned = Envelope.create(EventTypes.TASK_ASSIGNED, ChangeEvents.SOURCE, null, data);
        String note = "📋 " + user.displayName() + " assigned to " + Agents.emoji(agent) + " **" + agent + "**: " + task;
        return messages.postOnce(assigned.id(), EventTypes.TASK_ASSIGNED, channel, note,
                        Map.of("type", "task_assigned", "agent", agent))
                .invoke(() -> publisher.publish(assigned, Set.of(agent)))
                .replaceWithVoid();
    }
}
