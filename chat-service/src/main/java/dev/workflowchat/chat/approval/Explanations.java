package dev.workflowchat.chat.approval;

import java.util.Map;

/**
 * What a learning-mode card explains, per request type: what approving and rejecting will do, and
 * why the type needs a person at all. Types without their own text get the generic one.
 */
final class Explanations {

    private static final Map<String, Map<String, String>> BY_TYPE = Map.of(
            "code_change", text(
                    "The agent applies the change to the files listed and goes on with its task.",
                    "Nothing is changed; the agent hears your reason and tries another way or asks again.",
                    "Code changes land in the product: a person checks what goes in."),
            "state_transition", text(
                    "The workflow moves to the new state, and the commands allowed change with it.",
                    "The workflow stays where it is; the agent hears your reason.",
                    "A state change moves the whole team's work to its next step."),
            "parallel_execution", text(
                    "The orchestrator starts the listed tasks at once, each with its own agent.",
                    "No task starts; the request's author hears your reason.",
                    "Parallel work takes several agents at once and is hard to stop half-way."),
            "batch_changes", text(
                    "Every item of the batch is applied, as one decision.",
                    "None of the batch is applied; the agent hears your reason.",
                    "A batch changes many things at once: one look before all of them land."),
            "story_proposal", text(
                    "The stories join the project's backlog (approve with changes to drop or edit some).",
                    "No story is added; the agent hears your reason.",
                    "The backlog is the team's plan: a person decides what goes in it."));

    private static final Map<String, String> GENERIC = text(
            "The agent goes ahead with what it asked for.",
            "The agent does not go ahead; it hears your reason.",
            "The agent asked for a person's decision before it acts.");

    private Explanations() {
    }

    /** The explanation a card shows for a request of this type. */
    static Map<String, String> of(String requestType) {
        return BY_TYPE.getOrDefault(requestType, GENERIC);
    }

    private static Map<String, String> text(String approve, String reject, String why) {
        return Map.of("approve", approve, "reject", reject, "why", why);
    }
}
