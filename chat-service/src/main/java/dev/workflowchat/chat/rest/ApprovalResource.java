package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.approval.Decision;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.ApprovalView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Approvals: the audit trail for everyone, decisions for approvers and admins. */
@Path("/api/approvals")
@Authenticated
public class ApprovalResource {

    private final ApprovalService approvals;
    private final CurrentUser currentUser;

    public ApprovalResource(ApprovalService approvals, CurrentUser currentUser) {
        this.approvals = approvals;
        this.currentUser = currentUser;
    }

    public record DecisionRequest(String action, String comment, Map<String, Object> modifications) {
    }

    @GET
    @Operation(summary = "Approvals, newest first (at most 200), optionally only those with one status")
    public Uni<List<ApprovalView>> list(@QueryParam("status") String status) {
        return approvals.list(status == null || status.isBlank() ? null : status);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One approval: the request, and who decided what, when and why")
    public Uni<ApprovalView> get(@PathParam("id") String id) {
        return approvals.get(id);
    }

    @POST
    @Path("/{id}/decision")
    @Operation(summary = "Decide (approver or admin): approve, reject (comment required) or modify (modifications required)")
    public Uni<ApprovalView> decide(@PathParam("id") String id, DecisionRequest request) {
        if (request == null) {
            throw ProtocolException.badRequest("a JSON body with action, comment and modifications is required");
        }
        return approvals.decide(currentUser.get(), id,
                new Decision(request.action(), request.comment(), request.modifications()));
    }
}
