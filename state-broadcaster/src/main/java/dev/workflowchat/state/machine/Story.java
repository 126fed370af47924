package dev.workflowchat.state.machine;

import java.time.Instant;

/**
 * A story of an epic ({@code S1}, {@code S2} … per project): what is wanted, how it is accepted,
 * how soon, how big, where it is and which agent has it. {@code epicId} is null for a story added
 * to the backlog without one ({@code /backlog add_story}); {@code points} and {@code assignee}
 * may be null.
 */
public record Story(String id, String epicId, String title, String criteria, Priority priority, Integer points,
                    StoryStatus status, String assignee, Instant createdAt) {

    static Story added(String id, String epicId, String title, String criteria, Instant at) {
        return new Story(id, epicId, title, criteria, Priority.MEDIUM, null, StoryStatus.BACKLOG, null, at);
    }

    Story withTitle(String value) {
        return new Story(id, epicId, value, criteria, priority, points, status, assignee, createdAt);
    }

    Story withCriteria(String value) {
        return new Story(id, epicId, title, value, priority, points, status, assignee, createdAt);
    }

    Story withPriority(Priority value) {
        return new Story(id, epicId, title, criteria, value, points, status, assignee, createdAt);
    }

    Story withPoints(Integer value) {
        return new Story(id, epicId, title, criteria, priority, value, status, assignee, createdAt);
    }

    Story withStatus(StoryStatus value) {
        return new Story(id, epicId, title, criteria, priority, points, value, assignee, createdAt);
    }

    Story withAssignee(String value) {
        return new Story(id, epicId, title, criteria, priority, points, status, value, createdAt);
    }
}
