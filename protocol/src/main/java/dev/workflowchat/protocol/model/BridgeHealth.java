package dev.workflowchat.protocol.model;

import java.time.Instant;
import java.util.List;

/**
 * What the Discord bridge reports of itself under {@code wfchat:bridge:health}: when it last wrote, and each
 * mapped channel Discord refuses messages of (web name, why, since when). An empty list: every channel relays.
 */
public record BridgeHealth(Instant at, List<ChannelProblem> unhealthy) {

    public BridgeHealth {
        unhealthy = unhealthy == null ? List.of() : List.copyOf(unhealthy);
    }

    /** One channel Discord refuses: its web name, the reason an operator must fix, and since when. */
    public record ChannelProblem(String channel, String reason, Instant since) {
    }
}
