package dev.workflowchat.chat.service;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.approval.ApprovalMapper;
import dev.workflowchat.chat.approval.ApprovalRepository;
import dev.workflowchat.chat.repository.AgentRepository;
import dev.workflowchat.chat.repository.ChangeLog;
import dev.workflowchat.chat.repository.ChannelRepository;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final ApprovalRepository approvals;

    public ReadyService(ChangeLog changeLog, ChannelRepository channels, AgentRepository agents,
                        ApprovalRepository approvals) {
        this.changeLog = changeLog;
        this.channels = channels;
        this.agents = agents;
        this.approvals = approvals;
    }

    public Uni<ServerFrame.Ready> readyFor(ChatUser user) {
        return Panache.withSession(() -> changeLog.lastSeq()
                .chain(lastSeq -> channels.viewsFor(user.username())
                        .chain(views -> agents.all()
                                .chain(presence -> approvals.withStatus(Approval.PENDING)
                                        .map(pending -> new ServerFrame.Ready(user.view(), views, lastSeq,
                                                pending.stream().map(ApprovalMapper::toView).toList(), null,
                                                Map.of("agents", presence)))))));
    }
}
