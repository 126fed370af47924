package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.metrics.ChatMetrics;
import dev.workflowchat.chat.messaging.ChangeEvents;
import dev.workflowchat.chat.repository.ProcessedEvents;
import dev.workflowchat.chat.service.ChangePublisher;
import dev.workflowchat.chat.service.MessageService;
import dev.workflowchat.chat.service.RecordedChange;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventParser;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.model.ApprovalView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Agents ask, people decide. Each approval is decided exactly once (a conditional update);
 * every outcome is committed, then announced on {@code wfchat:out} and to the requesting
 * agent's channel and stream, and shown in the approval's chat message.
 */
@ApplicationScoped
public class ApprovalService {

    public static final String SYSTEM = "system";

    private final ApprovalRepository approvals;
    private final ApprovalMessages renderer;
    private final MessageService messages;
    private final ProcessedEvents processedEvents;
    private final ChangePublisher publisher;
    private final ChatConfig config;
    private final ChatMetrics metrics;

    public ApprovalService(ApprovalRepository approvals, ApprovalMessages renderer, MessageService messages,
                           ProcessedEvents processedEvents, ChangePublisher publisher,
                           ChatConfig config, ChatMetrics metrics) {
        this.metrics = metrics;
        this.approvals = approvals;
        this.renderer = renderer;
        this.messages = messages;
        this.processedEvents = processedEvents;
        this.publisher = publisher;
        this.config = config;
    }

    /** An agent's request; null when this request (its envelope id) was applied before. */
    public Uni<ApprovalView> request(InboundEvent.ApprovalRequest event) {
        String agent;
        try {
            agent = agentOf(event.source());
        } catch (ProtocolException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> processedEvents.claim(event.id(), EventTypes.APPROVAL_REQUEST)
                        .chain(first -> first ? create(event, agent) : Uni.createFrom().<Outcome>nullItem()))
                .invoke(outcome -> {
                    if (outcome != null) {
                        publisher.publish(outcome.messageChange());
                        announce(EventTypes.APPROVAL_REQUESTED, outcome.approval(), Set.of());
                        metrics.approval("requested");
                    }
                })
                .map(outcome -> outcome == null ? null : outcome.approval());
    }

    /** A person's decision; {@code forbidden} for members, {@code conflict} when it was already decided. */
    public Uni<ApprovalView> decide(ChatUser user, String approvalId, Decision decision) {
        if (!user.canDecideApprovals()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only approvers and admins decide approvals"));
        }
        if (!EventParser.isValidId(approvalId)) {
            return Uni.createFrom().failure(ProtocolException.notFound("no approval with that id"));
        }
        Instant now = now();
        return settle(approvalId, () -> approvals.decide(approvalId, decision.status(), user.username(), now,
                decision.comment(), decision.modifications()), ApprovalService::alreadySettled);
    }

    /** The requesting agent withdraws its request; null when this cancel was applied before. */
    public Uni<ApprovalView> cancel(InboundEvent.ApprovalCancel event) {
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
                                        : alreadySettled(current))
                        : Uni.createFrom().nullItem());
    }

    /**
     * Expires what is due. Safe on many replicas: each expired row is announced by the replica
     * whose update changed it, and by no other.
     */
    public Uni<Integer> expireDue() {
        Instant now = now();
        return Panache.withTransaction(() -> approvals.expireDue(now, config.approvals().expiryBatch())
                        .chain(ids -> {
                            Uni<List<Outcome>> outcomes = Uni.createFrom().item(new ArrayList<>());
                            for (String id : ids) {
                                outcomes = outcomes.chain(done -> showOutcome(id).map(outcome -> {
                                    done.add(outcome);
                                    return done;
                                }));
                            }
                            return outcomes;
                        }))
                .invoke(outcomes -> outcomes.forEach(this::announceDecided))
                .map(List::size);
    }

    public Uni<List<ApprovalView>> list(String status) {
        if (status != null && !Set.of(Approval.PENDING, Approval.APPROVED, Approval.REJECTED, Approval.EXPIRED,
                Approval.CANCELLED).contains(status)) {
            return Uni.createFrom().failure(ProtocolException.badRequest(
                    "status must be pending, approved, rejected, expired or cancelled"));
        }
        return Panache.withSession(() -> approvals.withStatus(status))
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

    private Uni<Outcome> create(InboundEvent.ApprovalRequest event, String agent) {
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
        if (ChannelNames.isDm(event.channel())) {
            // every approver sees and may decide a request: it is asked where they all can read it
            return Uni.createFrom().failure(ProtocolException.badRequest("an approval is asked in a public channel"));
        }
        return messages.storeAgentMessage(event.channel(), agent, renderer.render(approval), metadataOf(approval))
                .chain(change -> {
                    approval.messageId = java.util.UUID.fromString(
                            ((dev.workflowchat.protocol.frame.ServerFrame.MessageChanged) change.frame()).message().messageId());
                    return approvals.persist(approval)
                            .map(stored -> new Outcome(ApprovalMapper.toView(stored), change));
                });
    }

    /**
     * Runs a conditional update and, when it changed the row, shows the outcome in the
     * approval's message and announces it after commit; otherwise says why nothing happened.
     */
    private Uni<ApprovalView> settle(String approvalId, java.util.function.Supplier<Uni<Boolean>> update,
                                     java.util.function.Function<Approval, ProtocolException> refusal) {
        return Panache.withTransaction(() -> update.get().chain(changed -> changed
                        ? showOutcome(approvalId)
                        : approvals.findById(approvalId).map(current -> {
                            if (current == null) {
                                throw ProtocolException.notFound("no approval " + approvalId);
                            }
                            throw refusal.apply(current);
                        })))
                .invoke(this::announceDecided)
                .map(Outcome::approval);
    }

    /** Why a pending-only update changed nothing: decided already, or due and about to expire. */
    private static ProtocolException alreadySettled(Approval current) {
        return ProtocolException.conflict("approval " + current.id + " is already "
                + (current.isPending() ? Approval.EXPIRED : current.status));
    }

    private Uni<Outcome> showOutcome(String approvalId) {
        return approvals.findById(approvalId).chain(approval -> {
            ApprovalView view = ApprovalMapper.toView(approval);
            if (approval.messageId == null) {
                return Uni.createFrom().item(new Outcome(view, null));
            }
            return messages.rewrite(approval.messageId, renderer.render(approval), metadataOf(approval))
                    .map(change -> new Outcome(view, change));
        });
    }

    private void announceDecided(Outcome outcome) {
        if (outcome.messageChange() != null) {
            publisher.publish(outcome.messageChange());
        }
        announce(EventTypes.APPROVAL_DECIDED, outcome.approval(), Set.of(outcome.approval().requestedBy()));
        metrics.approval(outcome.approval().status());
        Log.infof("approval %s is %s (by %s)", outcome.approval().approvalId(), outcome.approval().status(),
                outcome.approval().decidedBy());
    }

    private void announce(String type, ApprovalView approval, Set<String> agents) {
        publisher.publish(Envelope.create(type, ChangeEvents.SOURCE, null, approval), agents);
    }

    private static Map<String, Object> metadataOf(Approval approval) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("type", "approval_request");
        metadata.put("approval_id", approval.id);
        metadata.put("request_type", approval.requestType);
        metadata.put("status", approval.status);
        return metadata;
    }

    /** The agent an event comes from: its source must be {@code agent:<name>}. */
    static String agentOf(String source) {
        return dev.workflowchat.protocol.ChannelNames.agentOfSource(source).orElseThrow(() ->
                ProtocolException.badRequest("source must name the requesting agent as agent:<name>"));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** An approval after a change, and the change to its message to publish with it. */
    private record Outcome(ApprovalView approval, RecordedChange messageChange) {
    }
}
