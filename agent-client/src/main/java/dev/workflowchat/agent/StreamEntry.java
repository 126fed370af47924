package dev.workflowchat.agent;

import java.util.Map;

/** One Redis stream entry: its id and its fields. */
record StreamEntry(String id, Map<String, String> fields) {

    /** The stream field that carries the envelope JSON. */
    static final String EVENT_FIELD = "event";

    /** The envelope JSON, or null when the entry has no {@code event} field. */
    String event() {
        return fields.get(EVENT_FIELD);
    }
}
