package dev.workflowchat.chat.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a person wants to be told of: desktop notifications at all (in the browser), and of which
 * kinds (mentions, DMs, approvals they can decide, on the desktop and by push alike), and the
 * channels they muted (no notification and no count, except a mention of them or an approval).
 */
public record Preferences(boolean desktop, boolean mentions, boolean dms, boolean approvals, List<String> muted) {

    public static final Preferences DEFAULT = new Preferences(false, true, true, true, List.of());
    static final int MAX_MUTED = 200;
    private static final Set<String> FLAGS = Set.of("desktop", "mentions", "dms", "approvals");

    public Preferences {
        muted = List.copyOf(muted);
    }

    /** A complete set of preferences from a request body; anything unknown, missing or of the wrong type is refused. */
    public static Preferences parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProtocolException.badRequest("a JSON object with desktop, mentions, dms, approvals and muted is required");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            String name = fields.next().getKey();
            if (!FLAGS.contains(name) && !"muted".equals(name)) {
                throw ProtocolException.badRequest("unknown preference: " + (name.length() > 40 ? name.substring(0, 40) + "…" : name));
            }
        }
        return new Preferences(flag(body, "desktop"), flag(body, "mentions"), flag(body, "dms"), flag(body, "approvals"),
                muted(body.get("muted")));
    }

    /** Whether a notification of this kind in this channel is wanted. */
    public boolean wants(Kind kind, String channel) {
        return switch (kind) {
            case MENTION -> mentions;
            case APPROVAL -> approvals;
            case DM -> dms && !muted.contains(channel);
        };
    }

    private static boolean flag(JsonNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || !value.isBoolean()) {
            throw ProtocolException.badRequest(name + " must be true or false");
        }
        return value.booleanValue();
    }

    private static List<String> muted(JsonNode value) {
        if (value == null || !value.isArray()) {
            throw ProtocolException.badRequest("muted must be a list of channel names");
        }
        if (value.size() > MAX_MUTED) {
            throw ProtocolException.tooLarge("muted may name at most " + MAX_MUTED + " channels");
        }
        Set<String> channels = new LinkedHashSet<>();
        for (JsonNode channel : value) {
            if (!channel.isTextual() || !ChannelNames.isValidChannelOrDm(channel.textValue())) {
                throw ProtocolException.badRequest("muted must be a list of channel names");
            }
            channels.add(channel.textValue());
        }
        return new ArrayList<>(channels);
    }

    /** Why a person is told of a message. */
    public enum Kind {
        MENTION, DM, APPROVAL
    }
}
