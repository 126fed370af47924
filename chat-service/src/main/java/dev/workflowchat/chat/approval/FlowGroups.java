package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.config.ChatConfig;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Flow mode's groups: a request of the same agent, type, channel and project as a group's first,
 * made within the flow window of it, joins that group (one card, one row each) instead of posting
 * a card of its own. Finding the group and joining it are one at a time per agent, type and
 * channel (a transaction-scoped advisory lock), so two requests at once never make two groups.
 */
@ApplicationScoped
public class FlowGroups {

    static final String FLOW = "flow";

    private static final String FIRST = "requestedBy = ?1 and requestType = ?2 and channel = ?3 and project = ?4"
            + " and mode = 'flow' and groupId = id and requestedAt >= ?5";
    private static final String FIRST_DEFAULT = "requestedBy = ?1 and requestType = ?2 and channel = ?3 and project is null"
            + " and mode = 'flow' and groupId = id and requestedAt >= ?4";

    private final ApprovalRepository approvals;
    private final ChatConfig config;

    public FlowGroups(ApprovalRepository approvals, ChatConfig config) {
        this.approvals = approvals;
        this.config = config;
    }

    /** The first request of the group this one joins; null: it starts a group. Call in its transaction. */
    Uni<Approval> groupOf(Approval request) {
        Instant since = request.requestedAt.minus(config.approvals().flowWindow());
        String key = "flow|" + request.requestedBy + "|" + request.requestType + "|" + request.channel + "|" + request.project;
        return TransactionLocks.take(key)
                .chain(() -> request.project == null
                        ? approvals.find(FIRST_DEFAULT, Sort.descending("requestedAt"), request.requestedBy,
                                request.requestType, request.channel, since).firstResult()
                        : approvals.find(FIRST, Sort.descending("requestedAt"), request.requestedBy, request.requestType,
                                request.channel, request.project, since).firstResult());
    }
}
