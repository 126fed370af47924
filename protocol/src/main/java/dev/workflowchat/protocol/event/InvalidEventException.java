package dev.workflowchat.protocol.event;

import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;

/** A Redis payload that breaks the contract; {@code id} is the envelope id when it could be read. */
public class InvalidEventException extends ProtocolException {

    private final String id;

    public InvalidEventException(String id, String reason) {
        super(ErrorCode.BAD_REQUEST, reason);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
