package dev.workflowchat.chat.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workflowchat.chat.Approval;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders the chat message of an approval, one Qute template per request type, a generic one for the rest. */
@ApplicationScoped
public class ApprovalMessages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern BACKTICKS = Pattern.compile("`+");

    @CheckedTemplate(basePath = "approvals")
    static class Templates {
        static native TemplateInstance code_change(ApprovalText approval);

        static native TemplateInstance state_transition(ApprovalText approval);

        static native TemplateInstance parallel_execution(ApprovalText approval);

        static native TemplateInstance batch_changes(ApprovalText approval);

        static native TemplateInstance generic(ApprovalText approval);
    }

    private final ObjectMapper mapper;

    public ApprovalMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String render(Approval approval) {
        ApprovalText text = textOf(approval);
        TemplateInstance template = switch (approval.requestType) {
            case "code_change" -> Templates.code_change(text);
            case "state_transition" -> Templates.state_transition(text);
            case "parallel_execution" -> Templates.parallel_execution(text);
            case "batch_changes" -> Templates.batch_changes(text);
            default -> Templates.generic(text);
        };
        return template.render().strip();
    }

    ApprovalText textOf(Approval approval) {
        Map<String, Object> payload = approval.payload == null ? Map.of() : approval.payload;
        String diff = string(payload.get("diff"));
        String json = json(payload);
        return new ApprovalText(approval.id, approval.title, approval.requestType, approval.requestedBy,
                firstString(payload, "description", "summary"), files(payload.get("files")), diff,
                string(payload.get("from")), string(payload.get("to")), firstString(payload, "reason", "why"),
                tasks(payload.get("tasks")), groups(payload), json, fenceFor(diff == null ? json : diff + json),
                outcome(approval));
    }

    private String outcome(Approval approval) {
        String by = approval.decidedBy;
        String at = approval.decidedAt == null ? "" : " at " + TIME.format(approval.decidedAt);
        String why = approval.comment == null || approval.comment.isBlank() ? "" : ": " + approval.comment;
        return switch (approval.status) {
            case Approval.APPROVED -> approval.modifications == null
                    ? "✅ **Approved** by " + by + at + why
                    : "✏️ **Approved with changes** by " + by + at + why + "\n\nChanges: `" + json(approval.modifications) + "`";
            case Approval.REJECTED -> "❌ **Rejected** by " + by + at + why;
            case Approval.EXPIRED -> "⌛ **Expired**" + at + " without a decision";
            case Approval.CANCELLED -> "🚫 **Cancelled** by " + by + at + why;
            default -> "⏳ **Waiting for a decision** · expires " + TIME.format(approval.expiresAt)
                    + " · `/approve " + approval.id + "` or `/reject " + approval.id + " \"reason\"`";
        };
    }

    private static List<String> files(Object value) {
        List<String> files = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            for (Object file : list) {
                String path = file instanceof Map<?, ?> map ? string(map.get("path")) : string(file);
                if (path != null) {
                    files.add(path);
                }
            }
        } else if (string(value) != null) {
            files.add(string(value));
        }
        return files;
    }

    private static List<String> tasks(Object value) {
        List<String> tasks = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            for (Object task : list) {
                if (task instanceof Map<?, ?> map) {
                    String agent = string(map.get("agent"));
                    String what = firstString(map, "task", "description", "title");
                    tasks.add(agent == null ? String.valueOf(what) : agent + ": " + what);
                } else if (task != null) {
                    tasks.add(String.valueOf(task));
                }
            }
        }
        return tasks;
    }

    /** {@code groups} as name → items, or as a list of {name, items}; else {@code items} as one group. */
    private static List<ApprovalText.Group> groups(Map<String, Object> payload) {
        List<ApprovalText.Group> groups = new ArrayList<>();
        Object value = payload.get("groups");
        if (value instanceof Map<?, ?> byName) {
            byName.forEach((name, items) -> groups.add(new ApprovalText.Group(String.valueOf(name), items(items))));
        } else if (value instanceof Collection<?> list) {
            for (Object group : list) {
                if (group instanceof Map<?, ?> map) {
                    groups.add(new ApprovalText.Group(String.valueOf(firstString(map, "name", "group", "title")),
                            items(map.get("items"))));
                }
            }
        } else if (payload.get("items") instanceof Collection<?>) {
            groups.add(new ApprovalText.Group("Items", items(payload.get("items"))));
        }
        return groups;
    }

    private static List<String> items(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            for (Object item : list) {
                items.add(item instanceof Map<?, ?> map
                        ? String.valueOf(firstString(map, "description", "title", "name", "path"))
                        : String.valueOf(item));
            }
        }
        return items;
    }

    private static String firstString(Map<?, ?> map, String... keys) {
        for (String key : keys) {
            String value = string(map.get(key));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String string(Object value) {
        return value == null || value instanceof Map || value instanceof Collection ? null : String.valueOf(value);
    }

    private String json(Object value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** Three backticks, or one more than the longest run inside the text. */
    static String fenceFor(String text) {
        int longest = 0;
        Matcher run = BACKTICKS.matcher(text == null ? "" : text);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    static String formatTime(Instant instant) {
        return TIME.format(instant);
    }
}
