package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.User;
import dev.workflowchat.chat.announce.ChangeEvents;
import dev.workflowchat.chat.announce.ChangePublisher;
import dev.workflowchat.chat.announce.RecordedChange;
import dev.workflowchat.chat.repository.UserRepository;
import dev.workflowchat.chat.service.AgentMessages;
import dev.workflowchat.chat.service.SystemMessages;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.event.ApprovalTerms;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pending request does before it expires: at half its lifetime a reminder in its channel
 * that mentions the approvers; at three quarters an escalation to {@code escalate_to} (a message
 * in each one's DM with the requesting agent, and {@code approval.escalated} for the Discord
 * bridge). Each is claimed by one conditional update, so it happens once whatever the replicas.
 */
@ApplicationScoped
public class ApprovalReminders {

    private static final int MENTIONS = 20;
    /** How far through its lifetime a pending request is reminded of, and escalated. */
    private static final String REMIND_AT = "0.5";
    private static final String ESCALATE_AT = "0.75";
    private static final String DUE = """
            UPDATE approvals SET %1$s = ?1
             WHERE id IN (SELECT id FROM approvals
                           WHERE status = 'pending' AND %1$s IS NULL AND expires_at > ?1
                             AND requested_at + (expires_at - requested_at) * %2$s <= ?1
                           ORDER BY expires_at LIMIT ?2
                           FOR UPDATE SKIP LOCKED)
               AND %1$s IS NULL
            RETURNING id
            """;
    /** The next moment a pending request is due for its reminder, its escalation or its expiry. */
    private static final String NEXT_DUE = """
            SELECT min(LEAST(expires_at,
                             CASE WHEN reminded_at IS NULL THEN requested_at + (expires_at - requested_at) * %1$s END,
                             CASE WHEN escalated_at IS NULL THEN requested_at + (expires_at - requested_at) * %2$s END))
              FROM approvals WHERE status = 'pending'
            """.formatted(REMIND_AT, ESCALATE_AT);

    private final ApprovalRepository approvals;
    private final UserRepository users;
    private final SystemMessages systemMessages;
    private final AgentMessages agentMessages;
    private final ChangePublisher publisher;

    public ApprovalReminders(ApprovalRepository approvals, UserRepository users, SystemMessages systemMessages,
                             AgentMessages agentMessages, ChangePublisher publisher) {
        this.approvals = approvals;
        this.users = users;
        this.systemMessages = systemMessages;
        this.agentMessages = agentMessages;
        this.publisher = publisher;
    }

    /** When the next pending request falls due (reminder, escalation or expiry); null: none is pending. */
    public Uni<Instant> nextDue() {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery(NEXT_DUE, Instant.class).getSingleResultOrNull()));
    }

    /** Reminds of what is half-way to expiry; the number reminded. */
    public Uni<Integer> remindDue(int batch) {
        Instant now = now();
        return Panache.withTransaction(() -> claim("reminded_at", REMIND_AT, now, batch).chain(due -> due.isEmpty()
                        ? Uni.createFrom().item(List.<RecordedChange>of())
                        : deciders().chain(deciders -> each(onePerGroup(due), approval -> systemMessages.store(approval.channel,
                                reminder(approval, deciders, now) + more(due, approval), Map.of("type", "approval_reminder",
                                        "approval_id", approval.id)).map(List::of)))))
                .invoke(changes -> changes.forEach(publisher::publish))
                .map(List::size);
    }

    /** Escalates what is three quarters to expiry; the number escalated. */
    public Uni<Integer> escalateDue(int batch) {
        Instant now = now();
        List<Envelope> escalations = new ArrayList<>();
        return Panache.withTransaction(() -> claim("escalated_at", ESCALATE_AT, now, batch).chain(due -> due.isEmpty()
                        ? Uni.createFrom().item(List.<RecordedChange>of())
                        : deciders().chain(deciders -> each(onePerGroup(due), approval -> {
                            List<String> to = targets(approval, deciders);
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("approval", ApprovalMapper.toView(approval));
                            data.put("to", to);
                            escalations.add(Envelope.create(EventTypes.APPROVAL_ESCALATED, ChangeEvents.SOURCE, null, data));
                            return dms(approval, due, to, now);
                        }))))
                .invoke(changes -> {
                    changes.forEach(publisher::publish);
                    escalations.forEach(escalation -> publisher.publish(escalation, java.util.Set.of()));
                    if (!escalations.isEmpty()) {
                        Log.infof("escalated %d approvals", escalations.size());
                    }
                })
                .map(ignored -> escalations.size());
    }

    private Uni<List<Approval>> claim(String column, String fraction, Instant now, int batch) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(DUE.formatted(column, fraction), String.class)
                        .setParameter(1, now).setParameter(2, batch).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Approval>of())
                        : approvals.list("id in ?1", ids));
    }

    /** The people who may decide approvals, by role (approvers and admins, enabled). */
    private Uni<List<User>> deciders() {
        return users.list("disabledAt is null").map(all -> all.stream()
                .filter(user -> Arrays.asList(user.roles).contains("approver") || Arrays.asList(user.roles).contains("admin"))
                .toList());
    }

    private Uni<List<RecordedChange>> dms(Approval approval, List<Approval> claimed, List<String> to, Instant now) {
        Uni<List<RecordedChange>> changes = Uni.createFrom().item(new ArrayList<>());
        for (String person : to) {
            String text = "⏫ Escalated to you: approval `" + approval.id + "` by " + approval.requestedBy + " waits for a"
                    + " decision in #" + approval.channel + ": " + approval.title + ". " + ending(approval, now)
                    + more(claimed, approval);
            changes = changes.chain(done -> agentMessages.storeOnBehalf(ChannelNames.privateDm(approval.requestedBy, person),
                            approval.requestedBy, text, Map.of("type", "approval_escalation", "approval_id", approval.id))
                    .map(change -> {
                        done.add(change);
                        return done;
                    }));
        }
        return changes;
    }

    private static Uni<List<RecordedChange>> each(List<Approval> due,
                                                  java.util.function.Function<Approval, Uni<List<RecordedChange>>> step) {
        Uni<List<RecordedChange>> all = Uni.createFrom().item(new ArrayList<>());
        for (Approval approval : due) {
            all = all.chain(done -> step.apply(approval).map(changes -> {
                done.addAll(changes);
                return done;
            }));
        }
        return all;
    }

    /** A flow group's requests fall due together: one reminder or escalation for the group, on its earliest. */
    static List<Approval> onePerGroup(List<Approval> due) {
        Map<String, Approval> first = new LinkedHashMap<>();
        due.forEach(approval -> first.putIfAbsent(approval.groupId == null ? approval.id : approval.groupId, approval));
        return List.copyOf(first.values());
    }

    /** " (and 3 more requests of its flow group)", when others of its group fell due with it. */
    private static String more(List<Approval> due, Approval approval) {
        long others = approval.groupId == null ? 0
                : due.stream().filter(other -> approval.groupId.equals(other.groupId) && !other.id.equals(approval.id)).count();
        return others == 0 ? "" : " (and " + others + " more of its flow group)";
    }

    /** {@code escalate_to}: the named person, if they may decide; else, and for role:admin, every admin. */
    static List<String> targets(Approval approval, List<User> deciders) {
        if (!ApprovalTerms.ADMINS.equals(approval.escalateTo)
                && deciders.stream().anyMatch(user -> user.username.equals(approval.escalateTo))) {
            return List.of(approval.escalateTo);
        }
        return deciders.stream().filter(user -> Arrays.asList(user.roles).contains("admin")).map(user -> user.username)
                .sorted().toList();
    }

    private static String reminder(Approval approval, List<User> deciders, Instant now) {
        StringBuilder mentions = new StringBuilder();
        deciders.stream().map(user -> user.username).filter(name -> !name.equals(PersonDecisions.askedBy(approval)))
                .sorted().limit(MENTIONS).forEach(name -> mentions.append('@').append(name).append(' '));
        return "⏰ Reminder: " + mentions + "approval `" + approval.id + "` by " + approval.requestedBy
                + " still waits: " + approval.title + ". " + ending(approval, now);
    }

    /** When it ends, and what silence does. */
    static String ending(Approval approval, Instant now) {
        long minutes = Math.max(1, Duration.between(now, approval.expiresAt).toMinutes());
        return "It expires in " + minutes + " min; then it is "
                + (ApprovalTerms.APPROVE.equals(approval.onExpiry) ? "approved (low risk, on_expiry approve)." : "rejected.");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
