package dev.workflowchat.chat.rest;

import dev.workflowchat.chat.ApprovalRule;
import dev.workflowchat.chat.approval.ApprovalRules;
import dev.workflowchat.chat.approval.RuleDraft;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Standing approval rules and the ask-list: approvers make and see rules, admins the ask-list. */
@Path("/api/approval-rules")
@Authenticated
public class ApprovalRuleResource {

    private final ApprovalRules rules;
    private final CurrentUser currentUser;

    public ApprovalRuleResource(ApprovalRules rules, CurrentUser currentUser) {
        this.rules = rules;
        this.currentUser = currentUser;
    }

    /** A rule on the wire. */
    public record RuleView(String ruleId, String kind, String project, String agent, String requestType,
                           String commandPrefix, String maxRisk, String until, Integer sprint, String pattern,
                           String createdBy, Instant createdAt, String approvalId, String revokedBy, Instant revokedAt) {
        static RuleView of(ApprovalRule rule) {
            return new RuleView(rule.ruleId(), rule.kind, rule.project, rule.agent, rule.requestType, rule.commandPrefix,
                    rule.maxRisk, rule.until, rule.sprint, rule.pattern, rule.createdBy, rule.createdAt, rule.approvalId,
                    rule.revokedBy, rule.revokedAt);
        }
    }

    public record RuleRequest(String kind, String project, String agent, String requestType, String commandPrefix,
                              String maxRisk, String until, String pattern) {
    }

    @GET
    @Operation(summary = "Standing rules in force, newest first (approvers); all=true: the revoked ones too")
    public Uni<List<RuleView>> list(@QueryParam("project") String project, @QueryParam("all") boolean all) {
        return rules.list(currentUser.get(), project == null || project.isBlank() ? null : project, all)
                .map(found -> found.stream().map(RuleView::of).toList());
    }

    @POST
    @Operation(summary = "Make a rule: allow (approvers) or ask (admins)")
    public Uni<Response> create(RuleRequest request) {
        if (request == null) {
            throw ProtocolException.badRequest("a JSON body with kind and the rule's fields is required");
        }
        RuleDraft draft = new RuleDraft(request.kind(), request.project(), request.agent(), request.requestType(),
                request.commandPrefix(), request.maxRisk(), request.until(), request.pattern());
        return rules.create(currentUser.get(), draft)
                .map(rule -> Response.status(Response.Status.CREATED).entity(RuleView.of(rule)).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a rule: your own, or any as an admin; future requests only")
    public Uni<Response> revoke(@PathParam("id") String id) {
        return rules.revoke(currentUser.get(), id).map(rule -> Response.noContent().build());
    }
}
