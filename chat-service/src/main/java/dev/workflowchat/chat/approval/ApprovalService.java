package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.approval.ApprovalOutcomes.Outcome;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.repository.ProcessedEvents;
import dev.workflowchat.chat.service.Once;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.model.ApprovalView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Agents ask, people decide. Each approval is decided exactly once (a conditional update);
 * every outcome is committed, then announced on {@code wfchat:out} and to the requesting
 * agent's channel and stream, and shown in the approval's chat message.
 */
@ApplicationScoped
public class ApprovalService {

    public static final String SYSTEM = "system";

    private final ApprovalRepository approvals;
    private final ApprovalPosts posts;
    private final ProcessedEvents processedEvents;
    private final ApprovalOutcomes outcomes;
    private final ChatConfig config;
    private final ApprovalPolicy policy;
    private final FlowGroups groups;

    public ApprovalService(ApprovalRepository approvals, ApprovalPosts posts, ProcessedEvents processedEvents,
                           ApprovalOutcomes outcomes, ChatConfig config, ApprovalPolicy policy, FlowGroups groups) {
        this.approvals = approvals;
        this.posts = posts;
        this.processedEvents = processedEvents;
        this.outcomes = outcomes;
        this.config = config;
        this.policy = policy;
        this.groups = groups;
    }

    /** An agent's request, once per envelope id; decided at once when a rule or the project's mode lets it through. */
    public Uni<Once<ApprovalView>> request(InboundEvent.ApprovalRequest event) {
        String agent;
        try {
            agent = agentOf(event.source());
        } catch (ProtocolException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> processedEvents.claim(event.id(), EventTypes.APPROVAL_REQUEST)
                        .chain(first -> first ? create(event, agent).map(Once::applied)
                                : Uni.createFrom().item(Once.<Asked>appliedBefore())))
                .invoke(once -> {
                    if (once.isApplied()) {
                        outcomes.announceRequested(once.made().outcome());
                    }
                })
                .call(once -> once.isApplied() ? byRuleOrPolicy(once.made()) : Uni.createFrom().voidItem())
                .map(once -> once.isApplied() ? Once.applied(once.made().outcome().approval()) : Once.appliedBefore());
    }

    /**
     * A request a rule or the project's mode lets through is approved at once, in a transaction of
     * its own after the request's, so the request is shown first and then decided.
     */
    private Uni<Void> byRuleOrPolicy(Asked asked) {
        if (asked.decision().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ApprovalPolicy.AutoDecision decision = asked.decision().get();
        String id = asked.outcome().approval().approvalId();
        return settle(id, () -> approvals.decideBy(id, decision.by(), now(), decision.comment(), decision.ruleId()),
                ApprovalService::alreadySettled).replaceWithVoid();
    }

    /** The requesting agent withdraws its request, once per envelope id. */
    public Uni<Once<ApprovalView>> cancel(InboundEvent.ApprovalCancel event) {
        String agent;
        try {
            agent = agentOf(event.source());
        } catch (ProtocolException e) {
            return Uni.createFrom().failure(e);
        }
        Instant now = now();
        return Panache.withTransaction(() -> processedEvents.claim(event.id(), EventTypes.APPROVAL_CANCEL))
                .chain(first -> first
                        ? settle(event.approvalId(), () -> approvals.cancel(event.approvalId(), agent, now, event.reason()),
                                current -> current.isPending() && !agent.equals(current.requestedBy)
                                        ? ProtocolException.forbidden("only " + current.requestedBy + ", who asked, may cancel")
                                        : alreadySettled(current)).map(Once::applied)
                        : Uni.createFrom().item(Once.appliedBefore()));
    }

    /**
     * Expires what is due. Safe on many replicas: each expired row is announced by the replica
     * whose update changed it, and by no other.
     */
    public Uni<Integer> expireDue() {
        Instant now = now();
        return Panache.withTransaction(() -> approvals.expireDue(now, config.approvals().expiryBatch())
                        .chain(ids -> {
                            Uni<List<Outcome>> found = Uni.createFrom().item(new ArrayList<>());
                            for (String id : ids) {
                                found = found.chain(done -> outcomes.decided(id).map(outcome -> {
                                    done.add(outcome);
                                    return done;
                                }));
                            }
                            return found;
                        }))
                .invoke(decided -> decided.forEach(outcomes::announceDecided))
                .map(List::size);
    }

    /** A flow group's requests, oldest first. */
    public Uni<List<ApprovalView>> group(String groupId) {
        if (!EventParser.isValidId(groupId)) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withSession(() -> approvals.inGroup(groupId))
                .map(found -> found.stream().map(ApprovalMapper::toView).toList());
    }

    public Uni<List<ApprovalView>> list(String status) {
        return list(status, 0, 200);
    }

    /** A page of approvals, newest first; status {@code decided}: all but the pending, newest decision first. */
    public Uni<List<ApprovalView>> list(String status, int offset, int limit) {
        return list(status, ApprovalFilter.NONE, offset, limit);
    }

    /** As {@link #list(String, int, int)}, of one project, agent or risk when the filter says so. */
    public Uni<List<ApprovalView>> list(String status, ApprovalFilter filter, int offset, int limit) {
        if (status != null && !Set.of(Approval.PENDING, Approval.APPROVED, Approval.REJECTED, Approval.EXPIRED,
                Approval.CANCELLED, ApprovalRepository.DECIDED).contains(status)) {
            return Uni.createFrom().failure(ProtocolException.badRequest(
                    "status must be pending, approved, rejected, expired, cancelled or decided"));
        }
        return Panache.withSession(() -> approvals.withStatus(status, filter, offset, limit))
                .map(found -> found.stream().map(ApprovalMapper::toView).toList());
    }

    public Uni<ApprovalView> get(String id) {
        if (!EventParser.isValidId(id)) {
            // an id is an envelope id: anything else (a NUL, 10,000 characters) names nothing
            return Uni.createFrom().failure(ProtocolException.notFound("no approval with that id"));
        }
        return Panache.withSession(() -> approvals.findById(id))
                .onItem().ifNull().failWith(() -> ProtocolException.notFound("no approval " + id))
                .map(ApprovalMapper::toView);
    }

    private Uni<Asked> create(InboundEvent.ApprovalRequest event, String agent) {
        if (ChannelNames.isDm(event.channel())) {
            // every approver sees and may decide a request: it is asked where they all can read it
            return Uni.createFrom().failure(ProtocolException.badRequest("an approval is asked in a public channel"));
        }
        Instant now = now();
        Approval approval = new Approval();
        approval.id = event.id();
        approval.requestType = event.requestType();
        approval.title = event.title();
        approval.payload = event.payload();
        approval.status = Approval.PENDING;
        approval.requestedBy = agent;
        approval.requestedAt = now;
        approval.expiresAt = now.plusSeconds(event.expiresInSeconds());
        approval.channel = event.channel();
        approval.project = event.project();
        approval.risk = event.context().risk();
        approval.context = event.context().details();
        approval.requiredApprovals = event.terms().requiredApprovals();
        approval.onExpiry = event.terms().onExpiry();
        approval.escalateTo = event.terms().escalateTo();
        ApprovalPolicy.Asked asked = new ApprovalPolicy.Asked(
                event.project() == null ? ChannelNames.DEFAULT_PROJECT : event.project(), agent, event.requestType(),
                event.title(), event.context().command(), approval.risk, approval.requiredApprovals);
        return policy.gateFor(asked).chain(gate -> {
            approval.mode = gate.mode();
            Uni<Approval> first = FlowGroups.FLOW.equals(gate.mode()) && gate.decision().isEmpty()
                    ? groups.groupOf(approval) : Uni.createFrom().nullItem();
            return first.chain(group -> {
                if (group != null) {
                    // it joins the group's card: no card of its own
                    approval.groupId = group.id;
                    return approvals.persist(approval).chain(stored -> outcomes.updated(stored))
                            .map(outcome -> new Asked(outcome, gate.decision()));
                }
                if (FlowGroups.FLOW.equals(gate.mode()) && gate.decision().isEmpty()) {
                    approval.groupId = approval.id;
                }
                return posts.post(approval).chain(change -> approvals.persist(approval)
                        .map(stored -> new Asked(new Outcome(ApprovalMapper.toView(stored), change), gate.decision())));
            });
        });
    }

    /** A request just stored, and the decision a rule or the mode takes on it at once, if any. */
    private record Asked(Outcome outcome, Optional<ApprovalPolicy.AutoDecision> decision) {
    }

    /**
     * Runs a conditional update and, when it changed the row, shows the outcome in the
     * approval's message and announces it after commit; otherwise says why nothing happened.
     */
    private Uni<ApprovalView> settle(String approvalId, Supplier<Uni<Boolean>> update,
                                     Function<Approval, ProtocolException> refusal) {
        return Panache.withTransaction(() -> update.get().chain(changed -> changed
                        ? outcomes.decided(approvalId)
                        : approvals.findById(approvalId).map(current -> {
                            if (current == null) {
                                throw ProtocolException.notFound("no approval " + approvalId);
                            }
                            throw refusal.apply(current);
                        })))
                .invoke(outcomes::announceDecided)
                .map(Outcome::approval);
    }

    /** Why a pending-only update changed nothing: decided already, or due and about to expire. */
    private static ProtocolException alreadySettled(Approval current) {
        return ProtocolException.conflict("approval " + current.id + " is already "
                + (current.isPending() ? Approval.EXPIRED : current.status));
    }

    /** The agent an event comes from: its source must be {@code agent:<name>}. */
    static String agentOf(String source) {
        return ChannelNames.agentOfSource(source).orElseThrow(() ->
                ProtocolException.badRequest("source must name the requesting agent as agent:<name>"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
