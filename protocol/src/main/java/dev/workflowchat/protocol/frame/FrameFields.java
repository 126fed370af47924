package dev.workflowchat.protocol.frame;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed access to one frame's fields, failing with the frame's ref. */
final class FrameFields {

    static final int MAX_ID_CHARS = 128;
    static final int MAX_ATTACHMENTS = 10;

    final JsonNode root;
    final String ref;
    private final ObjectMapper mapper;

    FrameFields(JsonNode root, String ref, ObjectMapper mapper) {
        this.root = root;
        this.ref = ref;
        this.mapper = mapper;
    }

    InvalidFrameException invalid(ErrorCode code, String message) {
        return new InvalidFrameException(ref, code, message);
    }

    String requiredText(String name) {
        String value = optionalText(name, null);
        if (value == null || value.isEmpty()) {
            throw invalid(ErrorCode.BAD_REQUEST, "missing field: " + name);
        }
        return value;
    }

    String optionalText(String name, String fallback) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw invalid(ErrorCode.BAD_REQUEST, name + " must be a string");
        }
        return node.textValue();
    }

    String requiredId(String name) {
        String id = requiredText(name);
        checkIdLength(name, id);
        return id;
    }

    String optionalId(String name) {
        String id = optionalText(name, null);
        if (id != null) {
            checkIdLength(name, id);
        }
        return id == null || id.isEmpty() ? null : id;
    }

    private void checkIdLength(String name, String id) {
        if (id.length() > MAX_ID_CHARS) {
            throw invalid(ErrorCode.BAD_REQUEST, name + " longer than " + MAX_ID_CHARS + " characters");
        }
    }

    List<String> idList(String name) {
        return idList(name, 0, MAX_ATTACHMENTS);
    }

    /** A list of {@code min} to {@code max} string ids; absent: empty (when {@code min} is 0). */
    List<String> idList(String name, int min, int max) {
        JsonNode node = root.get(name);
        if ((node == null || node.isNull()) && min == 0) {
            return List.of();
        }
        if (node == null || !node.isArray() || node.size() < min || node.size() > max) {
            throw invalid(ErrorCode.BAD_REQUEST, name + " must be an array of " + (min == 0 ? "at most " : min + " to ")
                    + max + " ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual() || element.textValue().length() > MAX_ID_CHARS) {
                throw invalid(ErrorCode.BAD_REQUEST, name + " must hold string ids");
            }
            ids.add(element.textValue());
        }
        return List.copyOf(ids);
    }

    String content(boolean mayBeEmpty) {
        String content = optionalText("content", null);
        if (content == null || (!mayBeEmpty && content.isBlank())) {
            throw invalid(ErrorCode.BAD_REQUEST, "missing field: content");
        }
        if (content.length() > Limits.MAX_CONTENT_CHARS) {
            throw invalid(ErrorCode.TOO_LARGE, "content longer than " + Limits.MAX_CONTENT_CHARS + " characters");
        }
        return content;
    }

    String reaction() {
        String reaction = requiredText("reaction");
        if (reaction.length() > Limits.MAX_REACTION_CHARS || reaction.isBlank()) {
            throw invalid(ErrorCode.BAD_REQUEST, "reaction must be 1 to " + Limits.MAX_REACTION_CHARS + " characters");
        }
        return reaction;
    }

    long requiredSeq(String name) {
        Long seq = optionalSeq(name);
        if (seq == null) {
            throw invalid(ErrorCode.BAD_REQUEST, "missing field: " + name);
        }
        return seq;
    }

    Long optionalSeq(String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 0) {
            throw invalid(ErrorCode.BAD_REQUEST, name + " must be a non-negative integer");
        }
        return node.longValue();
    }

    int historyLimit() {
        Long limit = optionalSeq("limit");
        if (limit == null) {
            return Limits.DEFAULT_HISTORY_LIMIT;
        }
        if (limit < 1 || limit > Limits.MAX_HISTORY_LIMIT) {
            throw invalid(ErrorCode.BAD_REQUEST, "limit must be 1 to " + Limits.MAX_HISTORY_LIMIT);
        }
        return limit.intValue();
    }

    Map<String, Object> optionalObject(String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(ErrorCode.BAD_REQUEST, name + " must be an object");
        }
        return mapper.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }
}
