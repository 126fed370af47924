package dev.workflowchat.chat.approval;

import dev.workflowchat.protocol.model.ApprovalView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The approvals' audit trail: one entry per decision, appended in the decision's own transaction
 * (so there is an entry exactly when there is a decision), chained by hash. Appends are taken one
 * at a time across replicas (a transaction-scoped advisory lock), so the chain never forks.
 */
@ApplicationScoped
public class AuditTrail {

    /** The advisory lock appends take; any number, the same on every replica. */
    static final long CHAIN_LOCK = 0x4155444954L;
    private static final String LAST_HASH = "SELECT hash FROM approval_audit ORDER BY seq DESC LIMIT 1";
    private static final String APPEND = """
            INSERT INTO approval_audit (approval_id, project, agent, decided_by, decided_at, entry, prev_hash, hash)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""";
    private static final String ENTRIES = """
            SELECT seq, approval_id, project, agent, decided_by, decided_at, entry, prev_hash, hash FROM approval_audit
            WHERE (CAST(?1 AS text) IS NULL OR project = CAST(?1 AS text))
              AND (CAST(?2 AS text) IS NULL OR agent = CAST(?2 AS text)) AND decided_at >= ?3
            ORDER BY seq LIMIT ?4""";
    private static final String CHAIN = "SELECT seq, approval_id, entry, prev_hash, hash FROM approval_audit WHERE seq > ?1 "
            + "ORDER BY seq LIMIT ?2";
    static final int PAGE = 1_000;

    /** One entry as read back. */
    public record Entry(long seq, String approvalId, String project, String agent, String decidedBy, Instant decidedAt,
                        String entry, String prevHash, String hash) {
    }

    /** Whether the chain is whole; when not, the first entry that doesn't hold. */
    public record Verdict(boolean intact, long entries, Long brokenAt, String brokenApprovalId) {
    }

    /** Appends the decision the approval now shows. Call inside the decision's transaction. */
    Uni<Void> append(ApprovalView decided) {
        String entry = AuditChain.canonical(entryOf(decided));
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, CHAIN_LOCK).getSingleResult()
                .chain(() -> session.createNativeQuery(LAST_HASH, String.class).getResultList())
                .chain(last -> {
                    String previous = last.isEmpty() ? AuditChain.GENESIS : last.get(0);
                    return session.createNativeQuery(APPEND)
                            .setParameter(1, decided.approvalId())
                            .setParameter(2, decided.project())
                            .setParameter(3, decided.requestedBy())
                            .setParameter(4, decided.decidedBy())
                            .setParameter(5, decided.decidedAt())
                            .setParameter(6, entry)
                            .setParameter(7, previous)
                            .setParameter(8, AuditChain.hash(previous, entry))
                            .executeUpdate();
                }))
                .replaceWithVoid();
    }

    /** Entries, oldest first, of a project and/or an agent, since a time; at most {@value #PAGE}. */
    public Uni<List<Entry>> entries(String project, String agent, Instant since) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(ENTRIES, Object[].class)
                        .setParameter(1, project)
                        .setParameter(2, agent)
                        .setParameter(3, since == null ? Instant.EPOCH : since)
                        .setParameter(4, PAGE)
                        .getResultList()))
                .map(rows -> rows.stream().map(row -> new Entry(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                        (String) row[3], (String) row[4], instant(row[5]), (String) row[6], (String) row[7], (String) row[8]))
                        .toList());
    }

    /** Walks the whole chain, page by page, recomputing every hash. */
    public Uni<Verdict> verify() {
        return verifyFrom(0, AuditChain.GENESIS, 0);
    }

    private Uni<Verdict> verifyFrom(long afterSeq, String previous, long checked) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery(CHAIN, Object[].class).setParameter(1, afterSeq).setParameter(2, PAGE).getResultList()))
                .chain(rows -> {
                    String expectedPrevious = previous;
                    long seq = afterSeq;
                    for (Object[] row : rows) {
                        seq = ((Number) row[0]).longValue();
                        String entry = (String) row[2];
                        String prev = (String) row[3];
                        String hash = (String) row[4];
                        if (!prev.equals(expectedPrevious) || !hash.equals(AuditChain.hash(prev, entry))) {
                            return Uni.createFrom().item(new Verdict(false, checked, seq, (String) row[1]));
                        }
                        expectedPrevious = hash;
                    }
                    long total = checked + rows.size();
                    return rows.size() < PAGE ? Uni.createFrom().item(new Verdict(true, total, null, null))
                            : verifyFrom(seq, expectedPrevious, total);
                });
    }

    /** The request as asked and as approved, and who decided how: what the entry's hash covers. */
    static Map<String, Object> entryOf(ApprovalView decided) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("approval_id", decided.approvalId());
        entry.put("project", decided.project());
        entry.put("agent", decided.requestedBy());
        entry.put("request_type", decided.requestType());
        entry.put("title", decided.title());
        entry.put("risk", decided.risk());
        entry.put("requested_at", decided.requestedAt());
        Map<String, Object> asked = new LinkedHashMap<>();
        asked.put("payload", decided.payload());
        asked.put("context", decided.context());
        entry.put("as_asked", asked);
        entry.put("modifications", decided.modifications());
        entry.put("outcome", decided.status());
        entry.put("decided_by", decided.decidedBy());
        entry.put("decided_at", decided.decidedAt());
        entry.put("comment", decided.comment());
        entry.put("how", how(decided));
        entry.put("rule_id", decided.ruleId());
        entry.put("mode", decided.mode());
        if (decided.requiredApprovals() > 1) {
            entry.put("required_approvals", decided.requiredApprovals());
            entry.put("approved_by", decided.votes().stream().map(ApprovalView.Vote::by).toList());
        }
        return entry;
    }

    /** Who decided, as a kind: a person, a standing rule, the mode's policy, the expiry, or the agent cancelling. */
    private static String how(ApprovalView decided) {
        String by = decided.decidedBy();
        if (by == null) {
            return null;
        }
        if (by.startsWith("policy:")) {
            return "policy";
        }
        if (by.startsWith("rule:")) {
            return "rule";
        }
        if ("system".equals(by)) {
            return "expiry";
        }
        return by.equals(decided.requestedBy()) ? "cancelled by the agent" : "person";
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime time ? time.toInstant() : value instanceof Instant instant ? instant
                : Instant.parse(String.valueOf(value));
    }

    /** The entries as CSV lines, a header first; a cell a spreadsheet would run as a formula is kept as text. */
    public static List<String> csv(List<Entry> entries) {
        List<String> lines = new ArrayList<>();
        lines.add("seq,approval_id,project,agent,decided_by,decided_at,prev_hash,hash,entry");
        for (Entry e : entries) {
            lines.add(String.join(",", String.valueOf(e.seq()), quote(e.approvalId()), quote(e.project()), quote(e.agent()),
                    quote(e.decidedBy()), e.decidedAt().toString(), e.prevHash(), e.hash(), quote(e.entry())));
        }
        return lines;
    }

    private static String quote(String value) {
        if (value == null) {
            return "";
        }
        // a cell a spreadsheet would run as a formula is kept as text
        String text = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
