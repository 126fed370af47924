package dev.workflowchat.chat.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.workflowchat.protocol.ProtocolJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conversation examples of a document: a fenced block after {@code <!-- example: name key=value -->},
 * each line {@code speaker → what they send} or {@code speaker ← what they get}. What is sent or
 * got is a WebSocket frame ({@code {json}}), a REST request ({@code POST /path Header: value {json}})
 * or its answer ({@code 204}, {@code 403 {json}}), or {@code closed 1008}. In JSON, {@code …}
 * stands for what differs from run to run: alone it matches anything; ending a word
 * ({@code "7a1e…"}) it names one value, the same wherever it appears; inside a text it matches any
 * text there.
 */
record ConversationExamples(String name, Map<String, String> options, List<Line> lines) {

    static final String ELLIPSIS = "…";
    private static final Pattern MARK = Pattern.compile("<!-- example: ([a-z0-9-]+)((?: [a-z-]+=\\S+)*) -->");
    private static final Pattern LINE = Pattern.compile("(\\S+) ([→←]) (.+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("[^\\s…]+…");
    private static final Pattern NUMBER_PLACEHOLDER = Pattern.compile("\\d+…");

    /** One line: who, which way ({@code sent}: →), and the rest as written. */
    record Line(String speaker, boolean sent, String text) {
    }

    static List<ConversationExamples> readAll(Path document) {
        List<String> all;
        try {
            all = Files.readAllLines(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ConversationExamples> examples = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Matcher mark = MARK.matcher(all.get(i).strip());
            if (!mark.matches()) {
                continue;
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (String option : mark.group(2).strip().split(" ")) {
                if (!option.isEmpty()) {
                    options.put(option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
                }
            }
            int line = i + 1;
            if (line >= all.size() || !all.get(line).startsWith("```")) {
                throw new IllegalStateException("example " + mark.group(1) + " is not followed by a fenced block");
            }
            List<Line> lines = new ArrayList<>();
            for (line++; line < all.size() && !all.get(line).startsWith("```"); line++) {
                Matcher parsed = LINE.matcher(all.get(line).strip());
                if (!parsed.matches()) {
                    throw new IllegalStateException("example " + mark.group(1) + ": can't read '" + all.get(line) + "'");
                }
                lines.add(new Line(parsed.group(1), parsed.group(2).equals("→"), parsed.group(3)));
            }
            examples.add(new ConversationExamples(mark.group(1), options, lines));
        }
        return examples;
    }

    Set<String> speakers() {
        Set<String> speakers = new LinkedHashSet<>();
        lines.forEach(line -> speakers.add(line.speaker()));
        return speakers;
    }

    /** JSON as written in an example: {@code "seq":…} and a trailing {@code ,…} made readable. */
    static JsonNode json(String written) {
        String text = written.replaceAll(",\\s*…(?=\\s*[}\\]])", "")
                .replaceAll(":\\s*(\\d+…)(?=\\s*[,}\\]])", ":\"$1\"")
                .replaceAll(":\\s*…(?=\\s*[,}\\]])", ":\"…\"");
        try {
            return ProtocolJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + written, e);
        }
    }

    /** The frame to send: every placeholder named before replaced by its value. */
    static JsonNode bind(JsonNode written, Map<String, String> values) {
        if (written.isTextual() && values.containsKey(written.asText())) {
            String value = values.get(written.asText());
            // a number's placeholder ("after_seq":1043…) goes out as the number it stood for
            return NUMBER_PLACEHOLDER.matcher(written.asText()).matches() && value.matches("-?\\d+")
                    ? LongNode.valueOf(Long.parseLong(value)) : TextNode.valueOf(value);
        }
        if (written.isObject()) {
            ObjectNode bound = ProtocolJson.mapper().createObjectNode();
            written.properties().forEach(field -> bound.set(field.getKey(), bind(field.getValue(), values)));
            return bound;
        }
        return written;
    }

    /**
     * Whether {@code actual} has everything {@code expected} shows; placeholders seen the first
     * time are added to {@code values}, but only when the whole of it matches.
     */
    static boolean matches(JsonNode expected, JsonNode actual, Map<String, String> values) {
        Map<String, String> tentative = new LinkedHashMap<>(values);
        if (!matchesInto(expected, actual, tentative)) {
            return false;
        }
        values.putAll(tentative);
        return true;
    }

    private static boolean matchesInto(JsonNode expected, JsonNode actual, Map<String, String> values) {
        if (actual == null || actual.isMissingNode()) {
            return false;
        }
        if (expected.isTextual() && expected.asText().contains(ELLIPSIS)) {
            return matchesText(expected.asText(), actual, values);
        }
        if (expected.isObject()) {
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                if (!matchesInto(field.getValue(), actual.get(field.getKey()), values)) {
                    return false;
                }
            }
            return actual.isObject();
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matchesInto(expected.get(i), actual.get(i), values)) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isNumber()) {
            return actual.isNumber() && expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static boolean matchesText(String expected, JsonNode actual, Map<String, String> values) {
        if (expected.equals(ELLIPSIS)) {
            return true;
        }
        if (!actual.isValueNode()) {
            return false;
        }
        if (PLACEHOLDER.matcher(expected).matches()) {
            return values.computeIfAbsent(expected, ignored -> actual.asText()).equals(actual.asText());
        }
        StringBuilder pattern = new StringBuilder();
        for (String part : expected.split(ELLIPSIS, -1)) {
            pattern.append(pattern.isEmpty() ? "" : ".*").append(Pattern.quote(part));
        }
        return actual.asText().matches(pattern.toString());
    }
}
