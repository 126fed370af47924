package dev.workflowchat.state.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.state.machine.Epic;
import dev.workflowchat.state.machine.Priority;
import dev.workflowchat.state.machine.Sprint;
import dev.workflowchat.state.machine.Story;
import dev.workflowchat.state.machine.StoryStatus;
import dev.workflowchat.state.machine.WorkItems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A project's epics and stories as the snapshot's {@code work} part, and back. */
final class WorkItemsJson {

    private WorkItemsJson() {
    }

    static ObjectNode of(WorkItems items) {
        ObjectNode work = ProtocolJson.mapper().createObjectNode();
        ArrayNode epics = work.putArray("epics");
        for (Epic epic : items.epics()) {
            ObjectNode node = epics.addObject();
            node.put("id", epic.id());
            node.put("title", epic.title());
            node.put("description", epic.description());
            node.put("status", epic.status());
            node.put("created_by", epic.createdBy());
            node.put("created_at", epic.createdAt().toString());
        }
        ArrayNode stories = work.putArray("stories");
        for (Story story : items.stories()) {
            ObjectNode node = stories.addObject();
            node.put("id", story.id());
            node.put("epic_id", story.epicId());
            node.put("title", story.title());
            node.put("criteria", story.criteria());
            node.put("priority", story.priority().label());
            node.put("points", story.points());
            node.put("status", story.status().label());
            node.put("assignee", story.assignee());
            node.put("created_at", story.createdAt().toString());
        }
        work.put("last_epic", items.lastEpic());
        work.put("last_story", items.lastStory());
        return work;
    }

    /** The sprint in the snapshot: its plan, where it is, and its pauses. */
    static ObjectNode sprint(Sprint sprint) {
        ObjectNode node = ProtocolJson.mapper().createObjectNode();
        node.put("number", sprint.number());
        node.put("goal", sprint.goal());
        node.put("days", sprint.days());
        node.put("status", sprint.status().name().toLowerCase(java.util.Locale.ROOT));
        sprint.storyIds().forEach(node.putArray("story_ids")::add);
        node.put("planned_points", sprint.plannedPoints());
        node.put("planned_by", sprint.plannedBy());
        node.put("started_at", sprint.startedAt() == null ? null : sprint.startedAt().toString());
        node.put("ended_at", sprint.endedAt() == null ? null : sprint.endedAt().toString());
        node.put("ci_failures", sprint.ciFailures());
        node.put("cycles_completed", sprint.cyclesCompleted());
        ArrayNode pauses = node.putArray("pauses");
        sprint.pauses().forEach(pause -> pauses.addObject().put("by", pause.by()).put("at", pause.at().toString())
                .put("reason", pause.reason()).put("resumed_at", pause.resumedAt() == null ? null : pause.resumedAt().toString()));
        return node;
    }

    /**
     * Brings the items back from a snapshot: its {@code work} part, or, from a snapshot written
     * before there was one, its epic and backlog titles (as epics, and stories of no epic).
     */
    static void restore(WorkItems items, JsonNode snapshot) {
        JsonNode work = snapshot.path("work");
        List<Epic> epics = new ArrayList<>();
        List<Story> stories = new ArrayList<>();
        if (work.isObject()) {
            for (JsonNode node : work.path("epics")) {
                epics.add(new Epic(node.path("id").asText(), node.path("title").asText(), text(node, "description"),
                        "closed".equals(node.path("status").asText()), text(node, "created_by"),
                        Instant.parse(node.path("created_at").asText())));
            }
            for (JsonNode node : work.path("stories")) {
                stories.add(new Story(node.path("id").asText(), text(node, "epic_id"), node.path("title").asText(),
                        text(node, "criteria"), Priority.parse(node.path("priority").asText()).orElse(Priority.MEDIUM),
                        node.path("points").isInt() ? node.path("points").asInt() : null,
                        StoryStatus.parse(node.path("status").asText()).orElse(StoryStatus.BACKLOG), text(node, "assignee"),
                        Instant.parse(node.path("created_at").asText())));
            }
            items.restore(epics, stories, work.path("last_epic").asInt(0), work.path("last_story").asInt(0));
            return;
        }
        Instant now = Instant.now();
        for (JsonNode title : snapshot.path("epics")) {
            epics.add(new Epic("E" + (epics.size() + 1), title.asText(), null, false, null, now));
        }
        for (JsonNode title : snapshot.path("backlog")) {
            stories.add(new Story("S" + (stories.size() + 1), null, title.asText(), null, Priority.MEDIUM, null,
                    StoryStatus.BACKLOG, null, now));
        }
        items.restore(epics, stories, epics.size(), stories.size());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
