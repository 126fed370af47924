package dev.workflowchat.protocol.frame;

import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;

/** A client frame that cannot be accepted; carries the frame's {@code ref} when it could be read. */
public class InvalidFrameException extends ProtocolException {

    private final String ref;

    public InvalidFrameException(String ref, ErrorCode code, String message) {
        super(code, message);
        this.ref = ref;
    }

    public String ref() {
        return ref;
    }
}
