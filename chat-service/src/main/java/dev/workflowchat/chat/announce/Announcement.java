package dev.workflowchat.chat.announce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.Envelope;
import java.util.List;

/**
 * What Redis is told about one committed change (or one batch of them): events on
 * {@code wfchat:out} and to agents' channels, in order. Plain data rather than a callback, so that
 * an announcement Redis did not take can wait in PostgreSQL when its replica stops.
 *
 * @param what  what it is, for the log
 * @param steps the events to send, in order
 */
record Announcement(String what, List<Step> steps) {

    private static final TypeReference<List<Step>> STEPS = new TypeReference<>() {
    };

    /** One event: on {@code wfchat:out} when {@code agent} is null, else on that agent's channel. */
    record Step(String agent, Envelope event) {

        static Step out(Envelope event) {
            return new Step(null, event);
        }

        static Step toAgent(String agent, Envelope event) {
            return new Step(agent, event);
        }
    }

    String stepsJson() {
        try {
            return ProtocolJson.mapper().writeValueAsString(steps);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an announcement must serialise", e);
        }
    }

    static Announcement of(String what, String stepsJson) {
        try {
            return new Announcement(what, ProtocolJson.mapper().readValue(stepsJson, STEPS));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an announcement's steps: " + e.getOriginalMessage(), e);
        }
    }
}
