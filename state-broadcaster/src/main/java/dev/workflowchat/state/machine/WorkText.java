package dev.workflowchat.state.machine;

import java.util.Optional;

/**
 * The limits every text of a work item is held to: a title is one line of at most
 * {@value #TITLE_MAX} characters; a description or acceptance criteria at most
 * {@value #BODY_MAX}, lines and tabs allowed; no other control characters anywhere.
 */
final class WorkText {

    static final int TITLE_MAX = 200;
    static final int BODY_MAX = 4000;

    private WorkText() {
    }

    /** Why a title can't be kept, or empty when it can. */
    static Optional<String> titleProblem(String title) {
        if (title == null || title.isBlank()) {
            return Optional.of("A title can't be empty.");
        }
        if (title.length() > TITLE_MAX) {
            return Optional.of("A title is at most " + TITLE_MAX + " characters (this one has " + title.length() + ").");
        }
        return title.chars().anyMatch(Character::isISOControl)
                ? Optional.of("A title can't hold control characters or line breaks.") : Optional.empty();
    }

    /** Why a description or acceptance criteria can't be kept, or empty when it can. */
    static Optional<String> bodyProblem(String body) {
        if (body == null) {
            return Optional.empty();
        }
        if (body.length() > BODY_MAX) {
            return Optional.of("A description is at most " + BODY_MAX + " characters (this one has " + body.length() + ").");
        }
        return body.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')
                ? Optional.of("A description can't hold control characters.") : Optional.empty();
    }

    /** A work item's id as typed ({@code e3}, {@code S12}), in its one spelling, or null if it isn't one. */
    static String id(char kind, String typed) {
        if (typed == null) {
            return null;
        }
        String text = typed.strip();
        if (text.length() < 2 || text.length() > 10 || Character.toUpperCase(text.charAt(0)) != kind) {
            return null;
        }
        for (int i = 1; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return null;
            }
        }
        return kind + String.valueOf(Long.parseLong(text.substring(1)));
    }
}
