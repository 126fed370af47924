package dev.workflowchat.chat.service;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.mapping.AttachmentMapper;
import dev.workflowchat.chat.repository.ChangeLog;
import dev.workflowchat.chat.repository.MessagePages;
import dev.workflowchat.chat.repository.MessageRepository;
import dev.workflowchat.chat.upload.AttachmentRepository;
import dev.workflowchat.protocol.Limits;
import dev.workflowchat.protocol.NulCharacters;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.AttachmentView;
import dev.workflowchat.protocol.model.MessageView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What people read: a channel's history, search, and the changes a reconnecting client missed,
 * each only from channels the reader may read ({@link dev.workflowchat.chat.ChannelAccess}).
 */
@ApplicationScoped
public class MessageHistory {

    private static final int MAX_SEARCH_RESULTS = 50;
    private static final int MAX_QUERY_CHARS = 500;

    private final MessageRepository messages;
    private final ChangeLog changeLog;
    private final ChannelService channels;
    private final MessageViews views;
    private final AttachmentRepository attachments;
    private final MessagePages pages;
    private final ChatConfig config;

    public MessageHistory(MessageRepository messages, ChangeLog changeLog, ChannelService channels, MessageViews views,
                          AttachmentRepository attachments, MessagePages pages, ChatConfig config) {
        this.attachments = attachments;
        this.pages = pages;
        this.messages = messages;
        this.changeLog = changeLog;
        this.channels = channels;
        this.views = views;
        this.config = config;
    }

    /** A channel's messages before {@code beforeSeq} (or the latest), oldest first; {@code hasMore}: older ones exist. */
    public Uni<HistoryPage> history(ChatUser reader, String channel, Long beforeSeq, int limit) {
        int pageSize = pageSize(limit);
        long before = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
        // the page itself is one query on the pool (MessagePages), after the session that checked access
        return Panache.withSession(() -> channels.requireReadable(reader, channel))
                .chain(ignored -> pages.before(channel, before, pageSize))
                .map(newestFirst -> {
                    List<MessageView> page = new ArrayList<>(newestFirst.subList(0, Math.min(pageSize, newestFirst.size())));
                    Collections.reverse(page);
                    return new HistoryPage(channel, page, newestFirst.size() > pageSize);
                });
    }

    /**
     * A channel's messages after {@code afterSeq}, oldest first: how a reader far behind catches up
     * a page at a time, each page's last seq the next one's start; {@code hasMore}: newer ones exist.
     */
    public Uni<HistoryPage> historyAfter(ChatUser reader, String channel, long afterSeq, int limit) {
        int pageSize = pageSize(limit);
        return Panache.withSession(() -> channels.requireReadable(reader, channel))
                .chain(ignored -> pages.after(channel, afterSeq, pageSize))
                .map(oldestFirst -> new HistoryPage(channel, List.copyOf(oldestFirst.subList(0,
                        Math.min(pageSize, oldestFirst.size()))), oldestFirst.size() > pageSize));
    }

    private static int pageSize(int limit) {
        return Math.max(1, Math.min(limit, Limits.MAX_HISTORY_LIMIT));
    }

    /** The files of a channel's live messages, newest message first. */
    public Uni<List<AttachmentView>> filesOf(ChatUser reader, String channel, int limit) {
        return Panache.withSession(() -> channels.requireReadable(reader, channel)
                .chain(ignored -> attachments.ofChannel(channel, limit))
                .map(AttachmentMapper::toViews));
    }

    public Uni<List<MessageView>> search(ChatUser reader, String query, String channel) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            return Uni.createFrom().failure(ProtocolException.badRequest("q must not be empty"));
        }
        if (text.length() > MAX_QUERY_CHARS) {
            return Uni.createFrom().failure(ProtocolException.badRequest(
                    "q longer than " + MAX_QUERY_CHARS + " characters"));
        }
        if (NulCharacters.in(text)) {
            // PostgreSQL takes no NUL in text: refused here rather than failing in the query
            return Uni.createFrom().failure(ProtocolException.badRequest("q: " + NulCharacters.REFUSED));
        }
        return Panache.withSession(() -> (channel == null ? Uni.createFrom().voidItem()
                        : channels.requireReadable(reader, channel).replaceWithVoid())
                .chain(ignored -> messages.search(reader, text, channel, MAX_SEARCH_RESULTS))
                .chain(views::of));
    }

    /**
     * The changes after {@code afterSeq} the reader may see, a page at a time (at most the resume
     * batch, and about as many characters as a connection may have waiting). {@code lastSeq} moves
     * past changes in channels the reader may not read, so they are never asked for again.
     * {@code gone} when changes after that point have been pruned.
     */
    public Uni<ResumeBatch> changesAfter(ChatUser reader, long afterSeq) {
        return changesAfter(reader, afterSeq, null);
    }

    /** As {@link #changesAfter(ChatUser, long)}, of one channel only when {@code channel} is not null. */
    public Uni<ResumeBatch> changesAfter(ChatUser reader, long afterSeq, String channel) {
        int batch = config.websocket().resumeBatch();
        return Panache.withSession(() -> (channel == null ? Uni.createFrom().voidItem()
                : channels.requireReadable(reader, channel).replaceWithVoid()).chain(readable -> changeLog.prunedThrough()).chain(pruned -> {
            if (afterSeq < pruned) {
                throw ProtocolException.gone("changes up to " + pruned + " are no longer kept; reload "
                        + "(history) and continue from ready's last_seq");
            }
            // read before the page: every change up to it has committed (numbers are handed out in
            // commit order), so a cursor moved to it skips nothing still to come
            return changeLog.lastSeq().chain(newest -> changeLog.after(reader, afterSeq, channel, batch + 1,
                            config.websocket().maxPendingBytes())
                    .map(page -> batchOf(page, afterSeq, newest, batch)));
        }));
    }

    private static ResumeBatch batchOf(ChangeLog.Page page, long afterSeq, long newest, int batch) {
        var changes = page.changes().size() > batch ? page.changes().subList(0, batch) : page.changes();
        boolean hasMore = page.changes().size() > batch || page.changes().size() < page.found();
        long lastSent = changes.isEmpty() ? afterSeq : changes.get(changes.size() - 1).seq();
        long lastSeq = hasMore ? lastSent : Math.max(lastSent, Math.max(afterSeq, newest));
        return new ResumeBatch(List.copyOf(changes), lastSeq, hasMore);
    }
}
