package dev.workflowchat.chat.service;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.repository.AgentRepository;
import dev.workflowchat.chat.repository.ChangeLog;
import dev.workflowchat.chat.repository.ChannelRepository;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The {@code ready} frame a connection starts with. Its {@code last_seq} is read before the
 * channels so that a change made in between is replayed by resume rather than lost.
 */
@ApplicationScoped
public class ReadyService {

    private final ChangeLog changeLog;
    private final ChannelRepository channels;
    private final AgentRepository agents;

    public ReadyService(ChangeLog changeLog, ChannelRepository channels, AgentRepository agents) {
        this.changeLog = changeLog;
        this.channels = channels;
        this.agents = agents;
    }

    public Uni<ServerFrame.Ready> readyFor(ChatUser user) {
        return Panache.withSession(() -> changeLog.lastSeq()
                .chain(lastSeq -> channels.viewsFor(user.username())
                        .chain(views -> agents.all()
                                .map(presence -> new ServerFrame.Ready(user.view(), views, lastSeq, List.of(), null,
                                        Map.of("agents", presence))))));
    }
}
