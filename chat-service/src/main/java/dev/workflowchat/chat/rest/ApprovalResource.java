package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.approval.AuditTrail;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Approvals: the audit trail for everyone, decisions for approvers and admins. */
@Path("/api/approvals")
@Authenticated
public class ApprovalResource {

    private final ApprovalService approvals;
    private final AuditTrail audit;
    private final CurrentUser currentUser;

    public ApprovalResource(ApprovalService approvals, AuditTrail audit, CurrentUser currentUser) {
        this.approvals = approvals;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    private void requireApprover() {
        if (!currentUser.get().canDecideApprovals()) {
            throw ProtocolException.forbidden("only approvers and admins read the audit trail");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    public record DecisionRequest(String action, String comment, Map<String, Object> modifications) {
    }

    @GET
    @Operation(summary = "Approvals, newest first (at most 200), optionally only those with one status")
    public Uni<List<ApprovalView>> list(@QueryParam("status") String status) {
        return approvals.list(status == null || status.isBlank() ? null : status);
    }

    @GET
    @Path("/audit")
    @Operation(summary = "The audit trail (approvers): every decision, oldest first, at most 1,000; "
            + "project, agent and since (ISO-8601) filter; format json (default) or csv")
    public Uni<Response> audit(@QueryParam("project") String project, @QueryParam("agent") String agent,
                               @QueryParam("since") String since, @QueryParam("format") String format) {
        requireApprover();
        Instant from = QueryParams.instant("since", since);
        if (format != null && !List.of("json", "csv").contains(format)) {
            throw ProtocolException.badRequest("format must be json or csv");
        }
        return audit.entries(blankToNull(project), blankToNull(agent), from)
                .map(entries -> "csv".equals(format)
                        ? Response.ok(String.join("\n", AuditTrail.csv(entries)) + "\n", "text/csv; charset=utf-8").build()
                        : Response.ok(entries, MediaType.APPLICATION_JSON).build());
    }

    @GET
    @Path("/audit/verify")
    @Operation(summary = "Whether the audit trail's hash chain is whole (approvers); if not, the first entry that breaks it")
    public Uni<AuditTrail.Verdict> verify() {
        requireApprover();
        return audit.verify();
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
