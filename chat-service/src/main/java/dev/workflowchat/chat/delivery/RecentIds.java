package dev.workflowchat.chat.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last ids seen, up to a bound: enough to drop a repeat around an outage, never growing. */
final class RecentIds {

    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True if the id is new (and now remembered), false if it was seen. */
    synchronized boolean add(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }
}
