package dev.workflowchat.chat.service;

import dev.workflowchat.protocol.model.MessageView;
import java.util.List;

/** A thread: the message that starts it and its live replies in seq order. */
public record ThreadPage(MessageView parent, List<MessageView> replies) {
}
