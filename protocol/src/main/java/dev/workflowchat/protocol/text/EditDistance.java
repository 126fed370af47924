package dev.workflowchat.protocol.text;

/** How far apart two words are, for "did you mean …" answers to a mistyped name. */
public final class EditDistance {

    private EditDistance() {
    }

    /** The Levenshtein distance: the fewest single-character insertions, deletions and substitutions from a to b. */
    public static int between(String a, String b) {
        // two rows of the table are enough: each row needs only the one above it
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
