package dev.workflowchat.chat.service;

import dev.workflowchat.chat.repository.ChangeLog.LoggedChange;
import java.util.List;

/** Changes a client missed, in order; {@code hasMore} asks it to resume again from {@code lastSeq}. */
public record ResumeBatch(List<LoggedChange> changes, long lastSeq, boolean hasMore) {
}
