package dev.workflowchat.state.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.event.InboundEvent;
import dev.workflowchat.protocol.event.TddEvidence;
import dev.workflowchat.state.machine.Outcome;
import dev.workflowchat.state.machine.TddTransition;
import java.util.LinkedHashMap;
import java.util.Map;

/** The envelopes the state-broadcaster announces: command results, activity and TDD moves. */
final class StateEnvelopes {

    private StateEnvelopes() {
    }

    /** The answer to a command; {@code snapshot} (the project after it) gives its state, when there is one. */
    static Envelope result(InboundEvent.CommandInvoke invoke, Outcome outcome, ObjectNode snapshot) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("correlation_id", invoke.correlationId());
        data.put("ok", outcome.ok());
        data.put("message", outcome.message());
        data.put("hint", outcome.hint());
        if (snapshot != null) {
            data.put("state", snapshot.path("state").asText());
            data.put("allowed_commands", snapshot.path("allowed_commands"));
        }
        return Envelope.create(EventTypes.COMMAND_RESULT, WorkflowService.SOURCE, null, data);
    }

    static Envelope activity(Project project, Project.Activity entry) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("project", project.machine().project());
        data.put("agent", entry.agent());
        data.put("action", entry.action());
        data.put("status", entry.status());
        data.put("story_id", entry.storyId());
        data.put("at", entry.at());
        return Envelope.create(EventTypes.AGENT_ACTIVITY, WorkflowService.SOURCE, null, data);
    }

    static Envelope tdd(TddTransition transition) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("project", transition.project());
        data.put("story_id", transition.storyId());
        data.putAll(tddMove(transition));
        return Envelope.create(EventTypes.TDD_TRANSITION, WorkflowService.SOURCE, null, data);
    }

    /** One move of a TDD cycle with its evidence, as {@code tdd.transition} and the snapshot's {@code tdd_moves} show it. */
    static Map<String, Object> tddMove(TddTransition transition) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", transition.from() == null ? null : transition.from().name());
        data.put("to", transition.to().name());
        data.put("at", transition.at());
        data.put("by", transition.by());
        TddEvidence evidence = transition.evidence();
        if (evidence.hasTests()) {
            Map<String, Object> tests = new LinkedHashMap<>();
            tests.put("passed", evidence.passed());
            tests.put("failed", evidence.failed());
            tests.put("skipped", evidence.skipped());
            data.put("tests", tests);
        }
        data.put("commit", evidence.commit());
        data.put("ci", evidence.ci());
        data.put("url", evidence.url());
        data.put("warning", transition.warning());
        return data;
    }

    /** To an agent: its report was refused, and why. */
    static Envelope tddRefused(String project, InboundEvent.TddReport report, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("project", project);
        data.put("story_id", report.storyId());
        data.put("to", report.to());
        data.put("event_id", report.id());
        data.put("reason", reason);
        return Envelope.create(EventTypes.TDD_REFUSED, WorkflowService.SOURCE, null, data);
    }
}
