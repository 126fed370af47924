package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Approvals. A decision is one conditional UPDATE on a pending row: whichever transaction
 * changes the row decided it; every other finds it no longer pending. No lock, no read-then-write.
 */
@ApplicationScoped
public class ApprovalRepository implements PanacheRepositoryBase<Approval, String> {

    /** The status filter that means "decided one way or another" (the history of decisions). */
    public static final String DECIDED = "decided";

    private static final String CANCEL = "status = 'cancelled', decidedBy = ?1, decidedAt = ?2, comment = ?3"
            + " where id = ?4 and status = 'pending' and requestedBy = ?1";
    private static final String EXPIRE_DUE = """
            UPDATE approvals SET status = CASE WHEN on_expiry = 'approve' THEN 'approved' ELSE 'expired' END,
                   decided_by = 'system', decided_at = ?1,
                   comment = CASE WHEN on_expiry = 'approve' THEN 'approved on expiry (on_expiry: approve)' ELSE comment END
             WHERE id IN (SELECT id FROM approvals
                           WHERE status = 'pending' AND expires_at <= ?1
                           ORDER BY expires_at LIMIT ?2
                           FOR UPDATE SKIP LOCKED)
               AND status = 'pending'
            RETURNING id
            """;

    private static final String DECIDE_BY = "status = 'approved', decidedBy = ?1, decidedAt = ?2, comment = ?3, ruleId = ?4"
            + " where id = ?5 and status = 'pending' and expiresAt > ?2";

    /** A rule's or the mode's approval; true when this call decided it. */
    public Uni<Boolean> decideBy(String id, String by, Instant at, String comment, String ruleId) {
        return update(DECIDE_BY, by, at, comment, ruleId, id).map(rows -> rows > 0);
    }

    /** True when the requesting agent's cancel took effect. */
    public Uni<Boolean> cancel(String id, String agent, Instant at, String reason) {
        return update(CANCEL, agent, at, reason, id).map(rows -> rows > 0);
    }

    /** Expires what is due (approves what says so on expiry); returns the ids this call expired (another replica's are not among them). */
    public Uni<List<String>> expireDue(Instant now, int batch) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(EXPIRE_DUE, String.class)
                        .setParameter(1, now)
                        .setParameter(2, batch)
                        .getResultList());
    }

    /** How many approvals wait for a decision in each project (null: the default one). */
    public Uni<java.util.Map<String, Long>> pendingByProject() {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "SELECT COALESCE(project, 'default'), count(*) FROM approvals WHERE status = 'pending' GROUP BY 1",
                                Object[].class)
                        .getResultList())
                .map(rows -> {
                    java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
                    rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
                    return counts;
                });
    }

    /** A flow group's requests, oldest first. */
    public Uni<List<Approval>> inGroup(String groupId) {
        return find("groupId", Sort.ascending("requestedAt", "id"), groupId).page(0, 1_000).list();
    }

    public Uni<List<Approval>> withStatus(String status) {
        return withStatus(status, 0, 200);
    }

    /** Newest first, {@code limit} of them from {@code offset}; status {@code decided}: every one but the pending. */
    public Uni<List<Approval>> withStatus(String status, int offset, int limit) {
        return withStatus(status, ApprovalFilter.NONE, offset, limit);
    }

    /** As {@link #withStatus(String, int, int)}, of those the filter keeps. */
    public Uni<List<Approval>> withStatus(String status, ApprovalFilter filter, int offset, int limit) {
        Parameters parameters = new Parameters();
        String where;
        Sort order;
        if (DECIDED.equals(status)) {
            where = "status <> :pending";
            parameters.and("pending", Approval.PENDING);
            order = Sort.descending("decidedAt", "id");
        } else {
            where = status == null ? "1 = 1" : "status = :status";
            if (status != null) {
                parameters.and("status", status);
            }
            order = Sort.descending("requestedAt", "id");
        }
        return find(where + filter.conditions(parameters), order, parameters).range(offset, offset + limit - 1).list();
    }
}
