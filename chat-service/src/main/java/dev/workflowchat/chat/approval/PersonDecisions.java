package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.approval.ApprovalOutcomes.Outcome;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.frame.ServerFrame.ApprovalResult;
import dev.workflowchat.protocol.model.ApprovalView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * People's decisions. Each runs under the approval row's lock, so a quorum counts every distinct
 * approver once and exactly one decision wins whichever replica, path or double click races it:
 * a reject ends the request; an approve is a vote, and the vote that fills the quorum approves it.
 */
@ApplicationScoped
public class PersonDecisions {

    private final ApprovalRepository approvals;
    private final ApprovalOutcomes outcomes;
    private final ApprovalRules rules;

    public PersonDecisions(ApprovalRepository approvals, ApprovalOutcomes outcomes, ApprovalRules rules) {
        this.approvals = approvals;
        this.outcomes = outcomes;
        this.rules = rules;
    }

    /** One decision; {@code forbidden} for members and for the person who asked, {@code conflict} when already decided. */
    public Uni<ApprovalView> decide(ChatUser user, String approvalId, Decision decision) {
        if (!user.canDecideApprovals()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only approvers and admins decide approvals"));
        }
        if (!EventParser.isValidId(approvalId)) {
            return Uni.createFrom().failure(ProtocolException.notFound("no approval with that id"));
        }
        return Panache.withTransaction(() -> decideIn(user, approvalId, decision, now()))
                .invoke(this::announce)
                .map(Step::view);
    }

    /** Many decisions, each in its own transaction: one result per id, in the order given. */
    public Uni<List<ApprovalResult>> decideMany(ChatUser user, List<String> ids, Decision decision) {
        if (!user.canDecideApprovals()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only approvers and admins decide approvals"));
        }
        Set<String> seen = new HashSet<>();
        Uni<List<ApprovalResult>> results = Uni.createFrom().item(new ArrayList<>());
        for (String id : ids) {
            boolean again = !seen.add(id);
            results = results.chain(done -> one(user, id, decision, again).map(result -> {
                done.add(result);
                return done;
            }));
        }
        return results;
    }

    private Uni<ApprovalResult> one(ChatUser user, String id, Decision decision, boolean again) {
        if (again) {
            return Uni.createFrom().item(new ApprovalResult(id, "conflict", "named twice in this call", null));
        }
        return decide(user, id, decision)
                .map(view -> new ApprovalResult(id, view.status().equals(Approval.PENDING) ? "voted" : "decided", null, view))
                .onFailure(ProtocolException.class).recoverWithItem(failure -> {
                    ProtocolException refused = (ProtocolException) failure;
                    String result = switch (refused.code()) {
                        case NOT_FOUND -> "not_found";
                        case FORBIDDEN -> "forbidden";
                        case CONFLICT -> "conflict";
                        default -> refused.code() == ErrorCode.BAD_REQUEST ? "bad_request" : "error";
                    };
                    return new ApprovalResult(id, result, refused.getMessage(), null);
                });
    }

    private Uni<Step> decideIn(ChatUser user, String approvalId, Decision decision, Instant now) {
        return approvals.findById(approvalId, LockModeType.PESSIMISTIC_WRITE).chain(approval -> {
            if (approval == null) {
                throw ProtocolException.notFound("no approval " + approvalId);
            }
            if (!approval.isPending() || !approval.expiresAt.isAfter(now)) {
                throw ProtocolException.conflict("approval " + approval.id + " is already "
                        + (approval.isPending() ? Approval.EXPIRED : approval.status));
            }
            if (decision.rejects()) {
                return settle(approval, Approval.REJECTED, user, now, decision.comment(), null);
            }
            if (askedBy(approval).equals(user.username())) {
                throw ProtocolException.forbidden("you asked for this: another approver decides it");
            }
            List<Map<String, Object>> votes = new ArrayList<>(approval.votes());
            if (votes.stream().anyMatch(vote -> user.username().equals(vote.get("by")))) {
                throw ProtocolException.conflict("you approved " + approval.id + " already; it waits for "
                        + (approval.requiredApprovals - votes.size()) + " more");
            }
            Uni<Void> remembered = decision.remember() == null ? Uni.createFrom().voidItem()
                    : rules.createIn(user, decision.ruleFor(approval), approval.id).replaceWithVoid();
            votes.add(vote(user, now, decision));
            approval.votes(votes);
            if (votes.size() < approval.requiredApprovals) {
                return remembered.chain(() -> outcomes.updated(approval)).map(outcome -> new Step(outcome, false));
            }
            return remembered.chain(() -> settle(approval, Approval.APPROVED, user, now, decision.comment(),
                    latestModifications(votes)));
        });
    }

    private Uni<Step> settle(Approval approval, String status, ChatUser user, Instant now, String comment,
                             Map<String, Object> modifications) {
        approval.status = status;
        approval.decidedBy = user.username();
        approval.decidedAt = now;
        approval.comment = comment;
        approval.modifications = modifications;
        return outcomes.decided(approval.id).map(outcome -> new Step(outcome, true));
    }

    private void announce(Step step) {
        if (step.decided()) {
            outcomes.announceDecided(step.outcome());
        } else {
            outcomes.announceUpdated(step.outcome());
        }
    }

    /** Who asked: the agent, or the person a {@code /parallel} request was made for. */
    static String askedBy(Approval approval) {
        Object person = approval.payload == null ? null : approval.payload.get("asked_by");
        return person instanceof String name ? name : approval.requestedBy;
    }

    private static Map<String, Object> vote(ChatUser user, Instant now, Decision decision) {
        Map<String, Object> vote = new LinkedHashMap<>();
        vote.put("by", user.username());
        vote.put("at", now.toString());
        vote.put("comment", decision.comment());
        vote.put("modifications", decision.modifications());
        return vote;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> latestModifications(List<Map<String, Object>> votes) {
        return votes.stream().map(vote -> (Map<String, Object>) vote.get("modifications")).filter(Objects::nonNull)
                .reduce((first, second) -> second).orElse(null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** An outcome, and whether it decided the approval (else a vote toward its quorum). */
    private record Step(Outcome outcome, boolean decided) {
        ApprovalView view() {
            return outcome.approval();
        }
    }
}
