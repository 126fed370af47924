package dev.workflowchat.state.machine;

import java.util.List;

/** What a command, signal or report did: the answer for the person, and the transitions to announce. */
public record Outcome(boolean ok, String message, String hint, List<Transition> transitions,
                      List<TddTransition> tddTransitions) {

    public static Outcome refused(String message, String hint) {
        return new Outcome(false, message, hint, List.of(), List.of());
    }

    public static Outcome answered(String message) {
        return new Outcome(true, message, null, List.of(), List.of());
    }

    static Outcome moved(String message, Transition transition) {
        return new Outcome(true, message, null, List.of(transition), List.of());
    }

    static Outcome tdd(String message, TddTransition transition) {
        return new Outcome(true, message, null, List.of(), List.of(transition));
    }
}
