package dev.workflowchat.chat.mcp;

import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.keys.AgentKey;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.ApprovalView;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Asking people: a request that waits for its decision, and waiting again for one asked before. */
public class ApprovalTools {

    private final CallingAgent caller;
    private final AgentEvents events;
    private final DecisionWaiters waiters;
    private final ChatConfig config;

    public ApprovalTools(CallingAgent caller, AgentEvents events, DecisionWaiters waiters, ChatConfig config) {
        this.caller = caller;
        this.events = events;
        this.waiters = waiters;
        this.config = config;
    }

    @Tool(name = "request_approval", description = "Ask people to approve something; shown as an approval card, with"
            + " the project's mode and standing rules applied. Waits up to wait_s (default 120, at most 600) for the"
            + " decision: answers {approval_id, status, by, comment, modifications}; status pending when none came"
            + " in time (then call await_decision with the approval_id).")
    Uni<ToolResponse> requestApproval(
            @ToolArg(description = "A lower-case word for the kind of request, e.g. code_change, deploy") String type,
            @ToolArg(description = "One line saying what is asked") String title,
            @ToolArg(description = "Why the agent wants it") String reason,
            @ToolArg(description = "low, medium, high or critical") String risk,
            @ToolArg(description = "The command it would run", required = false) String command,
            @ToolArg(description = "The change, as a unified diff", required = false) String diff,
            @ToolArg(name = "story_id", description = "The story it is for, e.g. S3", required = false) String storyId,
            @ToolArg(description = "The channel to ask in (default workflow)", required = false) String channel,
            @ToolArg(description = "The workflow project (default: the key's, else default)", required = false)
            String project,
            @ToolArg(name = "expires_in_s", description = "Seconds until it expires undecided, 10 to 604800 (default 1800)",
                    required = false) Long expiresInS,
            @ToolArg(name = "wait_s", description = "Seconds to wait for the decision, 0 to 600 (default 120)",
                    required = false) Integer waitS) {
        return ToolAnswers.json(() -> {
            AgentKey key = caller.key();
            Duration wait = waitOf(waitS);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("request_type", type);
            data.put("title", title);
            data.put("payload", Map.of());
            data.put("risk", risk);
            data.put("reason", reason);
            data.put("command", command);
            data.put("diff", diff);
            data.put("story_id", storyId);
            data.put("channel", channel);
            data.put("project", ProjectScope.projectFor(key, project));
            if (expiresInS != null) {
                data.put("expires_in_s", expiresInS);
            }
            return events.requestApproval(key, data)
                    .chain(asked -> waiters.await(asked.approvalId(), wait))
                    .map(ApprovalTools::decision);
        });
    }

    @Tool(name = "await_decision", description = "Wait again for the decision on an approval this agent asked for;"
            + " answers as request_approval does.")
    Uni<ToolResponse> awaitDecision(
            @ToolArg(description = "The approval_id request_approval answered") String id,
            @ToolArg(name = "wait_s", description = "Seconds to wait, 0 to 600 (default 120)", required = false)
            Integer waitS) {
        return ToolAnswers.json(() -> {
            AgentKey key = caller.key();
            Duration wait = waitOf(waitS);
            return waiters.await(id, Duration.ZERO)
                    .invoke(found -> {
                        if (!key.agent().equals(found.requestedBy())) {
                            throw ProtocolException.notFound("no approval " + id + " of agent " + key.agent());
                        }
                    })
                    .chain(mine -> waiters.await(id, wait))
                    .map(ApprovalTools::decision);
        });
    }

    Duration waitOf(Integer waitS) {
        long max = config.mcp().maxWait().toSeconds();
        if (waitS == null) {
            return config.mcp().defaultWait();
        }
        if (waitS < 0 || waitS > max) {
            throw ProtocolException.badRequest("wait_s must be 0 to " + max + " (seconds); call await_decision to wait longer");
        }
        return Duration.ofSeconds(waitS);
    }

    /** What the agent learns: the outcome, who decided, what they said and changed. */
    static Map<String, Object> decision(ApprovalView approval) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("approval_id", approval.approvalId());
        answer.put("status", approval.status());
        answer.put("by", approval.decidedBy());
        answer.put("comment", approval.comment());
        answer.put("modifications", approval.modifications());
        return answer;
    }
}
