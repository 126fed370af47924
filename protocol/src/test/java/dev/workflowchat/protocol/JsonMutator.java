package dev.workflowchat.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Turns a valid JSON document into a plausible bad one, reproducibly from a seeded {@link Random}:
 * characters flipped, inserted, deleted or repeated, the text cut short, a field removed, added or
 * given a value of the wrong kind (null, huge numbers, odd Unicode, arrays, deep objects).
 */
public final class JsonMutator {

    private static final ObjectMapper JSON = ProtocolJson.mapper();
    private static final String[] ODD_TEXT = {
        "", " ", "\u0000", "nul\u0000inside", "\u202Eevil\u202C", "\uFEFFbom", "😀👩‍👩‍👧‍👦", "\uD800", "\uDFFF",
        "../../etc/passwd", "<script>alert(1)</script>", "'; DROP TABLE messages; --", "%00%2e%2e", "\\", "\"",
        "a".repeat(5_000), "é".repeat(2_000), "𝕏".repeat(1_000), "\r\n\t", "null", "{}", "[]"
    };
    private static final String[] ODD_NUMBERS = {
        "0", "-1", "-0", "1e308", "1e-308", "-9223372036854775809", "9223372036854775808", "99999999999999999999999",
        "1.5", "NaN", "Infinity", "0x10", "1e999"
    };
    private static final String INSERTABLE = "{}[]\":,\\ \u0000\u00ff\u2028nulltrue0-e.";

    private final Random random;

    public JsonMutator(Random random) {
        this.random = random;
    }

    /**
     * {@code count} different mutations of the templates taken in turn, the word CASE in each
     * template first replaced by an id of its own ({@code idPrefix-<n>}): a payload made twice would
     * be a duplicate, not a new case, so it is made again.
     */
    public List<String> distinctCases(List<String> templates, String idPrefix, int count) {
        java.util.Set<String> cases = new java.util.LinkedHashSet<>();
        for (int i = 0; cases.size() < count; i++) {
            cases.add(mutate(templates.get(i % templates.size()).replace("CASE", idPrefix + "-" + i)));
        }
        return List.copyOf(cases);
    }

    /** One mutation of {@code valid}, chosen at random; always sendable as UTF-8 text. */
    public String mutate(String valid) {
        return escapeLoneSurrogates(anyMutation(valid));
    }

    private String anyMutation(String valid) {
        return switch (random.nextInt(10)) {
            case 0 -> flip(valid);
            case 1 -> insert(valid);
            case 2 -> deleteRange(valid, 1);
            case 3 -> deleteRange(valid, 1 + random.nextInt(Math.max(1, valid.length() / 4)));
            case 4 -> repeatRange(valid);
            case 5 -> valid.substring(0, random.nextInt(valid.length()));
            case 6 -> withField(valid, FieldChange.REMOVE);
            case 7 -> withField(valid, FieldChange.ADD);
            default -> withField(valid, FieldChange.ODD_VALUE);
        };
    }

    private enum FieldChange { REMOVE, ADD, ODD_VALUE }

    /** Half a surrogate pair can't be encoded as UTF-8, so it goes as a JSON escape, which the parser must handle. */
    private static String escapeLoneSurrogates(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private String flip(String text) {
        int at = random.nextInt(text.length());
        char flipped = (char) (text.charAt(at) ^ (1 << random.nextInt(7)));
        return text.substring(0, at) + flipped + text.substring(at + 1);
    }

    private String insert(String text) {
        int at = random.nextInt(text.length() + 1);
        char c = INSERTABLE.charAt(random.nextInt(INSERTABLE.length()));
        return text.substring(0, at) + c + text.substring(at);
    }

    private String deleteRange(String text, int length) {
        int at = random.nextInt(text.length());
        return text.substring(0, at) + text.substring(Math.min(text.length(), at + length));
    }

    private String repeatRange(String text) {
        int from = random.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + random.nextInt(20));
        return text.substring(0, to) + text.substring(from, to).repeat(1 + random.nextInt(5)) + text.substring(to);
    }

    /** Changes one field of an object somewhere in the document (the root or one nested in it). */
    private String withField(String valid, FieldChange change) {
        ObjectNode root;
        try {
            root = (ObjectNode) JSON.readTree(valid);
        } catch (Exception notAnObject) {
            return flip(valid);
        }
        ObjectNode target = someObjectIn(root);
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
        switch (change) {
            case REMOVE -> target.remove(name);
            case ADD -> target.set("extra_" + random.nextInt(1000), oddValue());
            case ODD_VALUE -> target.set(name, oddValue());
        }
        return root.toString();
    }

    private ObjectNode someObjectIn(ObjectNode root) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        return objects.get(random.nextInt(objects.size()));
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode object) {
            into.add(object);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            collect(children.next(), into);
        }
    }

    private JsonNode oddValue() {
        return switch (random.nextInt(7)) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case 2 -> number(ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)]);
            case 3 -> JSON.getNodeFactory().textNode(ODD_TEXT[random.nextInt(ODD_TEXT.length)]);
            case 4 -> {
                ArrayNode array = JSON.createArrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(JSON.getNodeFactory().textNode(ODD_TEXT[random.nextInt(ODD_TEXT.length)]));
                }
                yield array;
            }
            case 5 -> {
                ObjectNode nested = JSON.createObjectNode();
                ObjectNode inner = nested;
                for (int depth = random.nextInt(80); depth > 0; depth--) {
                    inner = inner.putObject("d");
                }
                yield nested;
            }
            default -> JSON.getNodeFactory().numberNode(random.nextLong());
        };
    }

    private static JsonNode number(String literal) {
        try {
            return JSON.readTree(literal);
        } catch (Exception notJsonNumber) {
            return JSON.getNodeFactory().textNode(literal);
        }
    }
}
