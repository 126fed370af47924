package dev.workflowchat.chat.service;

import dev.workflowchat.protocol.frame.ServerFrame;

/** A committed change: its frame, and that frame serialised once for every recipient. */
public record RecordedChange(ServerFrame.Change frame, String json) {
}
