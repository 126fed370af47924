package dev.workflowchat.chat.mcp;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.keys.AgentKey;
import dev.workflowchat.chat.service.DuplicatedContexts;
import dev.workflowchat.chat.service.MessageHistory;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Talking in the chat as the agent: post, read, say what it is doing. */
public class ChatTools {

    private final CallingAgent caller;
    private final AgentEvents events;
    private final ProjectScope scope;
    private final MessageHistory history;
    private final DuplicatedContexts contexts;

    public ChatTools(CallingAgent caller, AgentEvents events, ProjectScope scope, MessageHistory history,
                     DuplicatedContexts contexts) {
        this.caller = caller;
        this.events = events;
        this.scope = scope;
        this.history = history;
        this.contexts = contexts;
    }

    @Tool(name = "post_message", description = "Post a Markdown message in a channel as this agent (or in a thread)."
            + " Answers the message as stored, with its id and seq.")
    Uni<ToolResponse> postMessage(
            @ToolArg(description = "The channel's name, e.g. general") String channel,
            @ToolArg(description = "The message, Markdown, at most 40,000 characters") String text,
            @ToolArg(name = "thread_id", description = "The id of the message whose thread this answers", required = false)
            String threadId) {
        return ToolAnswers.json(() -> {
            AgentKey key = caller.key();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("channel", channel);
            data.put("agent", key.agent());
            data.put("content", text);
            if (threadId != null && !threadId.isBlank()) {
                data.put("thread_id", threadId);
            }
            return scope.requireChannel(key, channel).chain(() -> events.post(key, data));
        });
    }

    @Tool(name = "read_messages", description = "Read a channel's messages, oldest first: the latest ones, or"
            + " those after a seq (to catch up page by page: the next after_seq is the last message's seq)."
            + " Answers {channel, messages, has_more}: has_more means older messages exist for the latest, newer ones"
            + " after a seq.")
    Uni<ToolResponse> readMessages(
            @ToolArg(description = "The channel's name") String channel,
            @ToolArg(name = "after_seq", description = "Only messages after this seq (as a previous answer gave)",
                    required = false) Long afterSeq,
            @ToolArg(description = "How many, 1 to 200 (default 50)", required = false) Integer limit) {
        return ToolAnswers.json(() -> {
            AgentKey key = caller.key();
            int size = limit == null ? Limits.DEFAULT_HISTORY_LIMIT : limit;
            if (size < 1 || size > Limits.MAX_HISTORY_LIMIT) {
                throw ProtocolException.badRequest("limit must be 1 to " + Limits.MAX_HISTORY_LIMIT);
            }
            if (afterSeq != null && afterSeq < 0) {
                throw ProtocolException.badRequest("after_seq must be 0 or more");
            }
            return scope.requireChannel(key, channel)
                    .chain(() -> contexts.run(() -> afterSeq == null
                            ? history.history(readerFor(key, channel), channel, null, size)
                            : history.historyAfter(readerFor(key, channel), channel, afterSeq, size)));
        });
    }

    @Tool(name = "set_status", description = "Say what this agent is doing: online, busy, idle or offline, and the task.")
    Uni<ToolResponse> setStatus(
            @ToolArg(description = "online, busy, idle or offline") String status,
            @ToolArg(description = "What the agent is working on", required = false) String task,
            @ToolArg(name = "story_id", description = "The story it is working on, e.g. S3", required = false)
            String storyId) {
        return ToolAnswers.json(() -> {
            AgentKey key = caller.key();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("agent", key.agent());
            data.put("status", status);
            data.put("task", task);
            data.put("detail", storyId == null || storyId.isBlank() ? null : "story " + storyId);
            return events.status(key, data).map(presence -> Map.of("status", status, "agent", key.agent()));
        });
    }

    /**
     * Who reads for the agent: public channels anyone may; of DMs only the agent's own, read as the
     * person in them (a name with a colon is no person's, so nothing else of theirs opens).
     */
    static ChatUser readerFor(AgentKey key, String channel) {
        if (ChannelNames.isDm(channel) && ChannelNames.agentOfDm(channel).map(key.agent()::equals).orElse(false)) {
            return ChannelNames.personOfDm(channel)
                    .map(person -> new ChatUser(person, person, Set.of("member")))
                    .orElse(new ChatUser(key.source(), key.agent(), Set.of("member", "admin")));
        }
        return new ChatUser(key.source(), key.agent(), Set.of("member"));
    }
}
