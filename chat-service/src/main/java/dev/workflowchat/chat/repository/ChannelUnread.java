package dev.workflowchat.chat.repository;

/**
 * What a person has not read in one channel: live messages by others after their read marker
 * ({@code count}), the channel's newest message number ({@code latestSeq}, 0 when it has none),
 * and whether one of those unread messages mentions them.
 */
public record ChannelUnread(String channel, long count, long latestSeq, boolean mentioned) {
}
