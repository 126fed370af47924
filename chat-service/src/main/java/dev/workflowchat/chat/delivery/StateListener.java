package dev.workflowchat.chat.delivery;

import dev.workflowchat.chat.inbound.StateEvents;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.frame.ServerFrame;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Pushes the workflow's present to every browser: each {@code workflow.snapshot} the
 * state-broadcaster announces on {@code wfchat:state} (heard through {@link StateEvents}, which reads
 * back what a lost subscription missed) becomes a {@code workflow.state} frame, so browsers end on
 * the present; a snapshot seen twice is pushed once.
 */
@ApplicationScoped
public class StateListener implements StateEvents.Handler {

    private static final int REMEMBERED_IDS = 10_000;

    private final ConnectionFanout fanout;
    private final RecentIds pushed = new RecentIds(REMEMBERED_IDS);

    public StateListener(ConnectionFanout fanout) {
        this.fanout = fanout;
    }

    @Override
    public Uni<Void> handle(Envelope event) {
        if (EventTypes.WORKFLOW_SNAPSHOT.equals(event.type()) && pushed.add(event.id())) {
            fanout.broadcast(ConnectionFanout.Delivery.toEveryone(
                    ProtocolJson.mapper().valueToTree(new ServerFrame.WorkflowState(event.data())).toString()));
        }
        return Uni.createFrom().voidItem();
    }
}
