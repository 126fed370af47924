package dev.workflowchat.state.machine;

import dev.workflowchat.protocol.text.EditDistance;
import java.util.Comparator;
import java.util.List;

/** Close matches for a mistyped command: same prefix first, then by edit distance. */
final class Suggestions {

    private static final int MAX = 5;
    private static final int MAX_DISTANCE = 3;

    private Suggestions() {
    }

    static List<String> closeTo(String typed, List<String> candidates) {
        return candidates.stream()
                .filter(candidate -> candidate.startsWith(typed) || typed.startsWith(candidate)
                        || EditDistance.between(typed, candidate) <= MAX_DISTANCE)
                .sorted(Comparator.comparingInt((String candidate) -> candidate.startsWith(typed) ? 0 : 1)
                        .thenComparingInt(candidate -> EditDistance.between(typed, candidate)))
                .limit(MAX)
                .toList();
    }
}
