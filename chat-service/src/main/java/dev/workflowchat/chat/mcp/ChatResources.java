package dev.workflowchat.chat.mcp;

import dev.workflowchat.chat.keys.AgentKey;
import dev.workflowchat.chat.service.DuplicatedContexts;
import dev.workflowchat.chat.service.MessageHistory;
import dev.workflowchat.chat.service.ProjectSnapshots;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkiverse.mcp.server.RequestUri;
import io.quarkiverse.mcp.server.ResourceTemplate;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.smallrye.mutiny.Uni;

/** What an agent may read as MCP resources: a channel's recent history and a project's snapshot. */
public class ChatResources {

    private static final String JSON = "application/json";

    private final CallingAgent caller;
    private final ProjectScope scope;
    private final MessageHistory history;
    private final ProjectSnapshots snapshots;
    private final DuplicatedContexts contexts;

    public ChatResources(CallingAgent caller, ProjectScope scope, MessageHistory history, ProjectSnapshots snapshots,
                         DuplicatedContexts contexts) {
        this.caller = caller;
        this.scope = scope;
        this.history = history;
        this.snapshots = snapshots;
        this.contexts = contexts;
    }

    @ResourceTemplate(name = "channel_history", uriTemplate = "wfchat://channels/{channel}/messages",
            description = "A channel's latest 50 messages, oldest first", mimeType = JSON)
    Uni<TextResourceContents> channelHistory(String channel, RequestUri uri) {
        AgentKey key = caller.key();
        return scope.requireChannel(key, channel)
                .chain(() -> contexts.run(() -> history.history(ChatTools.readerFor(key, channel), channel, null,
                        Limits.DEFAULT_HISTORY_LIMIT)))
                .map(page -> new TextResourceContents(uri.value(), ToolAnswers.toJson(page), JSON));
    }

    @ResourceTemplate(name = "project_snapshot", uriTemplate = "wfchat://projects/{project}",
            description = "A workflow project's latest snapshot", mimeType = JSON)
    Uni<TextResourceContents> projectSnapshot(String project, RequestUri uri) {
        String allowed = ProjectScope.projectFor(caller.key(), project);
        return snapshots.of(allowed)
                .map(found -> found.orElseThrow(() -> ProtocolException.notFound("no project " + allowed)))
                .map(snapshot -> new TextResourceContents(uri.value(), snapshot.toString(), JSON));
    }
}
