package dev.workflowchat.chat.service;

import dev.workflowchat.protocol.model.MessageView;
import java.util.List;

/** Messages of one channel in seq order, and whether older ones exist. */
public record HistoryPage(String channel, List<MessageView> messages, boolean hasMore) {
}
