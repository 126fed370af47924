package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.approval.ApprovalFilter;
import dev.workflowchat.chat.approval.ApprovalService;
import dev.workflowchat.chat.approval.AuditTrail;
import dev.workflowchat.chat.approval.Decision;
import dev.workflowchat.chat.approval.PersonDecisions;
import dev.workflowchat.protocol.frame.ClientFrameParser;
import dev.workflowchat.protocol.frame.ServerFrame;
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
    private final PersonDecisions decisions;
    private final AuditTrail audit;
    private final CurrentUser currentUser;

    public ApprovalResource(ApprovalService approvals, PersonDecisions decisions, AuditTrail audit,
                            CurrentUser currentUser) {
        this.approvals = approvals;
        this.decisions = decisions;
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

    public record DecisionRequest(String action, String comment, Map<String, Object> modifications,
                                  Map<String, Object> remember) {
    }

    public record BulkDecisionRequest(List<String> approvalIds, String action, String comment) {
    }

    public record BulkDecisionResults(List<ServerFrame.ApprovalResult> results) {
    }

    @GET
    @Operation(summary = "Approvals, newest first, a page of limit (1-200, default 200) from offset, optionally only"
            + " those with one status (decided: all but pending, newest decision first),"
            + " or the requests of one flow group (group: its first request's id), oldest first;"
            + " project, agent and risk keep those of one project, asking agent or risk")
    public Uni<List<ApprovalView>> list(@QueryParam("status") String status, @QueryParam("group") String group,
                                        @QueryParam("offset") String offset, @QueryParam("limit") String limit,
                                        @QueryParam("project") String project, @QueryParam("agent") String agent,
                                        @QueryParam("risk") String risk) {
        if (blankToNull(group) != null) {
            return approvals.group(group);
        }
        // parsed here: JAX-RS answers an unparseable number with 404, a client deserves 400
        Long from = QueryParams.optionalLong("offset", offset, 0, 100_000);
        Long size = QueryParams.optionalLong("limit", limit, 1, 200);
        return approvals.list(blankToNull(status), ApprovalFilter.of(project, agent, risk), from == null ? 0 : from.intValue(),
                size == null ? 200 : size.intValue());
    }

    @POST
    @Path("/decisions")
    @Operation(summary = "Decide many at once (approver or admin): approve or reject 1 to 1,000 ids, each on its own;"
            + " a result per id: decided, voted, conflict, not_found or forbidden")
    public Uni<BulkDecisionResults> decideMany(BulkDecisionRequest request) {
        if (request == null || request.approvalIds() == null || request.approvalIds().isEmpty()
                || request.approvalIds().size() > ClientFrameParser.MAX_BULK_IDS) {
            throw ProtocolException.badRequest("approval_ids must be 1 to " + ClientFrameParser.MAX_BULK_IDS + " ids");
        }
        if (!"approve".equals(request.action()) && !"reject".equals(request.action())) {
            throw ProtocolException.badRequest("action must be approve or reject (modify one at a time)");
        }
        if (request.approvalIds().stream().anyMatch(id -> id == null || id.length() > 128)) {
            throw ProtocolException.badRequest("approval_ids must hold string ids");
        }
        return decisions.decideMany(currentUser.get(), request.approvalIds(),
                        new Decision(request.action(), request.comment(), null))
                .map(BulkDecisionResults::new);
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
        return decisions.decide(currentUser.get(), id,
                new Decision(request.action(), request.comment(), request.modifications(), request.remember()));
    }
}
