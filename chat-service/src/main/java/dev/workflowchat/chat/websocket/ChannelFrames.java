package dev.workflowchat.chat.websocket;

import dev.workflowchat.chat.delivery.ConnectionFanout;
import dev.workflowchat.chat.delivery.Outbox;
import dev.workflowchat.chat.service.ChannelService;
import dev.workflowchat.chat.service.MessageHistory;
import dev.workflowchat.chat.service.ResumeBatch;
import dev.workflowchat.chat.service.TypingNotices;
import dev.workflowchat.protocol.frame.ClientFrame;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The frames that read, mark or look at a channel: history, resume, focus, read markers, typing. */
@ApplicationScoped
class ChannelFrames {

    private final MessageHistory history;
    private final ChannelService channels;
    private final TypingNotices typing;
    private final Outbox outbox;
    private final ConnectionFanout fanout;

    ChannelFrames(MessageHistory history, ChannelService channels, TypingNotices typing, Outbox outbox,
                  ConnectionFanout fanout) {
        this.fanout = fanout;
        this.history = history;
        this.channels = channels;
        this.typing = typing;
        this.outbox = outbox;
    }

    void addTo(FrameRoutes routes) {
        routes.on(ClientFrame.RequestHistory.class, (connection, session, page) -> history
                        .history(session.user(), page.channel(), page.beforeSeq(), page.limit())
                        .map(shown -> new ServerFrame.History(page.ref(), shown.channel(), shown.messages(), shown.hasMore())))
                .on(ClientFrame.Resume.class, (connection, session, resume) -> history
                        .changesAfter(session.user(), resume.afterSeq(), resume.channel())
                        .map(batch -> replay(connection, batch))
                        .map(batch -> ServerFrame.Ack.ofResume(resume.ref(), batch.lastSeq(), batch.hasMore())))
                .on(ClientFrame.Focus.class, (connection, session, focus) -> {
                    fanout.focus(connection, session.user().username(), focus.channels());
                    return Uni.createFrom().item(ServerFrame.Ack.of(focus.ref()));
                })
                .on(ClientFrame.MarkRead.class, (connection, session, read) -> channels
                        .markRead(session.user(), read.channel(), read.seq())
                        .map(ignored -> ServerFrame.Ack.of(read.ref())))
                .on(ClientFrame.Typing.class, (connection, session, notice) -> typing
                        .announce(session.user(), notice.channel())
                        .replaceWith(ServerFrame.Ack.of(notice.ref())));
    }

    /**
     * Sends the batch's frames in order (writes on one connection keep their order), each counted
     * against the connection's send buffer ({@link Outbox#reply}), before the ack that closes it.
     */
    private ResumeBatch replay(WebSocketConnection connection, ResumeBatch batch) {
        for (var change : batch.changes()) {
            outbox.reply(connection, change.frameJson());
        }
        return batch;
    }
}
