package dev.workflowchat.protocol.event;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed access to an event's data, failing with the envelope id. */
final class EventData {
    final JsonNode node;
    private final String id;
    private final ObjectMapper mapper;

    EventData(String id, JsonNode node, ObjectMapper mapper) {
        this.id = id;
        this.node = node;
        this.mapper = mapper;
    }

    String requiredText(String name) {
        String value = optionalText(name);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException(id, "missing field: " + name);
        }
        return value;
    }

    String optionalText(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(id, name + " must be a string");
        }
        if (value.textValue().length() > Limits.MAX_CONTENT_CHARS) {
            throw new InvalidEventException(id, name + " is too long");
        }
        return value.textValue();
    }

    /** Markdown text of at most 40,000 characters; blank only where {@code mayBeBlank}. */
    String content(String name, boolean mayBeBlank) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || !value.isTextual()) {
            throw new InvalidEventException(id, "missing field: " + name);
        }
        String text = value.textValue();
        if (!mayBeBlank && text.isBlank()) {
            throw new InvalidEventException(id, "missing field: " + name);
        }
        if (text.length() > Limits.MAX_CONTENT_CHARS) {
            throw new InvalidEventException(id, name + " longer than " + Limits.MAX_CONTENT_CHARS + " characters");
        }
        return text;
    }

    /** An id in the other system (e.g. a Discord snowflake): 1-128 characters. */
    String externalId(String name) {
        String value = requiredText(name);
        if (value.length() > EventParser.MAX_EXTERNAL_ID_CHARS) {
            throw new InvalidEventException(id, name + " longer than " + EventParser.MAX_EXTERNAL_ID_CHARS + " characters");
        }
        return value;
    }

    String channel(String name) {
        String channel = requiredText(name);
        if (!ChannelNames.isValidChannelOrDm(channel)) {
            throw new InvalidEventException(id, "invalid channel name: " + EventParser.abbreviate(channel));
        }
        return channel;
    }

    /** A project name (optional: the default project), written like a channel's. */
    String project(String name) {
        String project = optionalText(name);
        if (project != null && !ChannelNames.isValidProject(project)) {
            throw new InvalidEventException(id, "invalid project name: " + EventParser.abbreviate(project));
        }
        return project;
    }

    /** A story's id: kept as a key of the project's TDD cycles, so short and without control characters. */
    String storyId(String name, boolean required) {
        String story = required ? requiredText(name) : optionalText(name);
        if (story != null && (story.isBlank() || story.length() > EventParser.MAX_STORY_ID_CHARS
                || story.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidEventException(id, name + " must be 1 to " + EventParser.MAX_STORY_ID_CHARS
                    + " characters without control characters");
        }
        return story;
    }

    String agent(String name) {
        String agent = requiredText(name);
        if (!ChannelNames.isValidAgent(agent)) {
            throw new InvalidEventException(id, "invalid agent name: " + EventParser.abbreviate(agent));
        }
        return agent;
    }

    String oneOf(String name, Set<String> allowed) {
        String value = requiredText(name);
        if (!allowed.contains(value)) {
            throw new InvalidEventException(id, name + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    boolean requiredBoolean(String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isBoolean()) {
            throw new InvalidEventException(id, "missing field: " + name + " (true or false)");
        }
        return value.booleanValue();
    }

    Long optionalLong(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidEventException(id, name + " must be a whole number");
        }
        return value.longValue();
    }

    Map<String, Object> optionalObject(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidEventException(id, name + " must be an object");
        }
        return mapper.convertValue(value, new TypeReference<Map<String, Object>>() { });
    }

    Object optionalAny(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : mapper.convertValue(value, Object.class);
    }

    List<String> optionalStrings(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new InvalidEventException(id, name + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new InvalidEventException(id, name + " must be an array of strings");
            }
            strings.add(element.textValue());
        }
        return List.copyOf(strings);
    }
}
