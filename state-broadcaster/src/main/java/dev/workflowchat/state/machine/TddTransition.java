package dev.workflowchat.state.machine;

import dev.workflowchat.protocol.event.TddEvidence;
import java.time.Instant;

/**
 * A story's TDD cycle moved; {@code from} is null when the cycle opened. {@code by} is who moved
 * it, {@code evidence} what the report brought, {@code warning} why the move looks wrong when it
 * was accepted anyway (outside {@code strict} mode).
 */
public record TddTransition(String project, String storyId, TddState from, TddState to, Instant at, String by,
                            TddEvidence evidence, String warning) {

    public TddTransition(String project, String storyId, TddState from, TddState to, Instant at) {
        this(project, storyId, from, to, at, null, TddEvidence.NONE, null);
    }
}
