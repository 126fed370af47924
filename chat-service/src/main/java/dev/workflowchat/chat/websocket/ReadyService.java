package dev.workflowchat.chat.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.Approval;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.approval.ApprovalMapper;
import dev.workflowchat.chat.approval.ApprovalRepository;
import dev.workflowchat.chat.repository.AgentRepository;
import dev.workflowchat.chat.repository.ChangeLog;
import dev.workflowchat.chat.repository.ChannelRepository;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.frame.ServerFrame;
import dev.workflowchat.protocol.model.ChannelView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Multi;
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

    private static final String DEFAULT_PROJECT = ChannelNames.DEFAULT_PROJECT;

    private final ChangeLog changeLog;
    private final ChannelRepository channels;
    private final AgentRepository agents;
    private final ApprovalRepository approvals;
    private final ReactiveValueCommands<String, String> values;
    private final RedisNames names;

    public ReadyService(ChangeLog changeLog, ChannelRepository channels, AgentRepository agents,
                        ApprovalRepository approvals, ReactiveRedisDataSource redis, RedisNames names) {
        this.values = redis.value(String.class, String.class);
        this.names = names;
        this.changeLog = changeLog;
        this.channels = channels;
        this.agents = agents;
        this.approvals = approvals;
    }

    public Uni<ServerFrame.Ready> readyFor(ChatUser user) {
        // The database first, on the caller's context; Redis after, where no session is needed.
        return Panache.withSession(() -> changeLog.lastSeq()
                .chain(lastSeq -> channels.viewsFor(user)
                        .chain(views -> agents.all()
                                .chain(presence -> approvals.withStatus(Approval.PENDING)
                                        .map(pending -> new ServerFrame.Ready(user.view(), views, lastSeq,
                                                pending.stream().map(ApprovalMapper::toView).toList(), null,
                                                Map.of("agents", presence)))))))
                .chain(ready -> snapshot(DEFAULT_PROJECT).chain(snapshot -> boundSnapshots(ready.channels())
                        .map(bound -> ready.withSnapshots(snapshot, bound.isEmpty() ? null : bound))));
    }

    /** The snapshot of each project the channels are bound to: few, one key each. */
    private Uni<Map<String, Object>> boundSnapshots(List<ChannelView> views) {
        List<String> projects = views.stream().map(ChannelView::project).filter(java.util.Objects::nonNull).distinct().toList();
        Map<String, Object> found = new java.util.concurrent.ConcurrentHashMap<>();
        return Multi.createFrom().iterable(projects)
                .onItem().transformToUniAndConcatenate(project -> snapshot(project)
                        .invoke(snapshot -> {
                            if (snapshot != null) {
                                found.put(project, snapshot);
                            }
                        }))
                .collect().last()
                .map(ignored -> new java.util.TreeMap<>(found));
    }

    /** The workflow's present, from the key the state-broadcaster keeps; null when it never ran. */
    private Uni<JsonNode> snapshot(String project) {
        return values.get(names.stateSnapshot(project))
                .map(json -> {
                    try {
                        return json == null ? null : ProtocolJson.mapper().readTree(json);
                    } catch (Exception e) {
                        return null;
                    }
                })
                .onFailure().recoverWithNull();
    }
}
