package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.service.ProjectSnapshots;
import dev.workflowchat.protocol.ChannelNames;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * What a project's mode (the one the state-broadcaster keeps, read from its snapshot when the
 * request comes) lets through without a person: {@code rapid} approves {@code low} risk at once,
 * {@code expert} everything but {@code high} and {@code critical}; {@code strict},
 * {@code learning} and {@code flow} wait for a person. {@code critical} always waits.
 */
@ApplicationScoped
public class ApprovalPolicy {

    private final ProjectSnapshots snapshots;

    public ApprovalPolicy(ProjectSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** The decision a request takes at once, if its project's mode takes one; empty: it waits for a person. */
    Uni<Optional<AutoDecision>> decisionFor(String project, String risk) {
        String name = project == null ? ChannelNames.DEFAULT_PROJECT : project;
        return snapshots.of(name)
                .map(snapshot -> snapshot.map(found -> found.path("mode").asText("strict")).orElse("strict"))
                .onFailure().recoverWithItem("strict")
                .map(mode -> decide(mode, risk));
    }

    /** The table of modes and risks. */
    static Optional<AutoDecision> decide(String mode, String risk) {
        boolean lets = switch (mode) {
            case "rapid" -> "low".equals(risk);
            case "expert" -> "low".equals(risk) || "medium".equals(risk);
            default -> false;
        };
        return lets ? Optional.of(new AutoDecision("policy:" + mode, "auto-approved: " + risk + " risk, " + mode + " mode"))
                : Optional.empty();
    }

    /** Who decides ({@code policy:<mode>}) and the line the card shows. */
    record AutoDecision(String by, String comment) {
    }
}
