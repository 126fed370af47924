package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.ApprovalRule;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Standing rules. A revoke is one conditional update: revoking twice finds nothing the second time. */
@ApplicationScoped
public class RuleRepository implements PanacheRepositoryBase<ApprovalRule, Long> {

    /** A project's rules in force. */
    Uni<List<ApprovalRule>> active(String project) {
        return list("project = ?1 and revokedAt is null", Sort.ascending("id"), project);
    }

    /** Rules, newest first, of one project or all; revoked ones too when asked. */
    Uni<List<ApprovalRule>> listed(String project, boolean withRevoked) {
        String where = (project == null ? "1 = 1" : "project = ?1") + (withRevoked ? "" : " and revokedAt is null");
        return project == null ? find(where, Sort.descending("id")).page(0, 500).list()
                : find(where, Sort.descending("id"), project).page(0, 500).list();
    }

    /** True when this call revoked it. */
    Uni<Boolean> revoke(long id, String by, Instant at) {
        return update("revokedBy = ?1, revokedAt = ?2 where id = ?3 and revokedAt is null", by, at, id)
                .map(rows -> rows > 0);
    }
}
