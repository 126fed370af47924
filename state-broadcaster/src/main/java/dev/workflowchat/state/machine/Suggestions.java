package dev.workflowchat.state.machine;

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
                        || distance(typed, candidate) <= MAX_DISTANCE)
                .sorted(Comparator.comparingInt((String candidate) -> candidate.startsWith(typed) ? 0 : 1)
                        .thenComparingInt(candidate -> distance(typed, candidate)))
                .limit(MAX)
                .toList();
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
