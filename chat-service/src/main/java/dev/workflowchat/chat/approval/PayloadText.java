package dev.workflowchat.chat.approval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an approval message shows of the free-form payload, read once so the templates stay plain.
 * {@code fence} is longer than any backtick run in the diff or the JSON, so neither can break out
 * of its code block.
 */
public record PayloadText(String description, List<String> files, String diff, String from, String to,
                          String reason, List<String> tasks, List<Group> groups, List<String> stories, String json,
                          String fence) {

    private static final Pattern BACKTICKS = Pattern.compile("`+");

    /** A named group of items of a batch. */
    public record Group(String name, List<String> items) {
    }

    /** Reads the payload; {@code json} is the whole payload as shown (pretty-printed). */
    static PayloadText of(Map<String, Object> payload, String json) {
        String diff = string(payload.get("diff"));
        return new PayloadText(firstString(payload, "description", "summary"), files(payload.get("files")), diff,
                string(payload.get("from")), string(payload.get("to")), firstString(payload, "reason", "why"),
                tasks(payload.get("tasks")), groups(payload), stories(payload.get("stories")), json,
                fenceFor(diff == null ? json : diff + json));
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

    /** Proposed stories, one line each: title · priority · points, then the acceptance criteria. */
    private static List<String> stories(Object value) {
        List<String> stories = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            for (Object story : list) {
                if (story instanceof Map<?, ?> map) {
                    String points = string(map.get("points"));
                    String criteria = string(map.get("criteria"));
                    stories.add("**" + string(map.get("title")) + "** · " + String.valueOf(map.get("priority"))
                            + (points == null ? "" : " · " + points + " pts") + (criteria == null ? "" : " — " + criteria));
                }
            }
        }
        return stories;
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
    private static List<Group> groups(Map<String, Object> payload) {
        List<Group> groups = new ArrayList<>();
        Object value = payload.get("groups");
        if (value instanceof Map<?, ?> byName) {
            byName.forEach((name, items) -> groups.add(new Group(String.valueOf(name), items(items))));
        } else if (value instanceof Collection<?> list) {
            for (Object group : list) {
                if (group instanceof Map<?, ?> map) {
                    groups.add(new Group(String.valueOf(firstString(map, "name", "group", "title")),
                            items(map.get("items"))));
                }
            }
        } else if (payload.get("items") instanceof Collection<?>) {
            groups.add(new Group("Items", items(payload.get("items"))));
        }
        return groups;
    }

    private static List<String> items(Object value) {
        List<String> items = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map) {
                    String named = firstString(map, "description", "title", "name", "path");
                    // an item with none of the usual names is shown by its fields, never as "null"
                    items.add(named != null ? named : fields(map));
                } else {
                    items.add(String.valueOf(item));
                }
            }
        }
        return items;
    }

    private static String fields(Map<?, ?> map) {
        return map.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
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

    /** Three backticks, or one more than the longest run inside the text. */
    static String fenceFor(String text) {
        int longest = 0;
        Matcher run = BACKTICKS.matcher(text == null ? "" : text);
        while (run.find()) {
            longest = Math.max(longest, run.group().length());
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
