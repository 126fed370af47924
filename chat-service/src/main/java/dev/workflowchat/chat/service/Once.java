package dev.workflowchat.chat.service;

/**
 * The outcome of something that takes effect once per event id (or per Discord message, per
 * status time): what it made, or that it had been applied before and changed nothing now.
 */
public record Once<T>(T made) {

    private static final Once<?> BEFORE = new Once<>(null);

    public static <T> Once<T> applied(T made) {
        if (made == null) {
            throw new IllegalArgumentException("an applied outcome holds what it made");
        }
        return new Once<>(made);
    }

    @SuppressWarnings("unchecked")
    public static <T> Once<T> appliedBefore() {
        return (Once<T>) BEFORE;
    }

    public boolean isApplied() {
        return made != null;
    }
}
