package dev.workflowchat.chat.service;

import dev.workflowchat.chat.websocket.ConnectionFanout;
import jakarta.enterprise.context.ApplicationScoped;

/** Announces committed changes. Call only after the transaction that made them has committed. */
@ApplicationScoped
public class ChangePublisher {

    private final ConnectionFanout fanout;

    public ChangePublisher(ConnectionFanout fanout) {
        this.fanout = fanout;
    }

    public void publish(RecordedChange change) {
        fanout.broadcast(change.json());
    }
}
