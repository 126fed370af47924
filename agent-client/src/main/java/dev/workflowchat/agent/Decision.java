package dev.workflowchat.agent;

import java.time.Instant;
import java.util.Map;

/** A person's (or the expiry's) answer to one approval request, as the agent hears it. */
public record Decision(String approvalId, Outcome outcome, String title, String decidedBy, String comment,
                       Map<String, Object> modifications, Instant decidedAt) {

    /** What became of the request; {@code MODIFIED} is an approval with changes to use instead of the payload. */
    public enum Outcome {
        APPROVED, MODIFIED, REJECTED, EXPIRED, CANCELLED
    }

    public Decision {
        modifications = modifications == null ? null : Map.copyOf(modifications);
    }

    /** True for a plain approval and for an approval with changes: the agent may go ahead. */
    public boolean mayProceed() {
        return outcome == Outcome.APPROVED || outcome == Outcome.MODIFIED;
    }
}
