package dev.workflowchat.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The property names a SmallRye {@code @ConfigMapping} interface declares, read from its source: the
 * prefix, then one segment per method (camelCase to kebab-case, or its {@code @WithName}), nested
 * interfaces as groups, {@code Map<String, …>} as a {@code *} segment. It reads the small subset of Java
 * that config interfaces are written in and refuses what it does not understand (a group type it cannot
 * resolve, another naming strategy) rather than guess, so a key is never silently missed.
 */
final class ConfigMappingSource {

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\s*\\(([^)]*)\\)");
    private static final Pattern PREFIX = Pattern.compile("(?:prefix\\s*=\\s*)?\"([^\"]*)\"");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(interface|enum|class|record)\\s+(\\w+)[^{;]*\\{");
    private static final Pattern ANNOTATION = Pattern.compile("@([\\w.]+)\\s*(\\(\\s*(?:value\\s*=\\s*)?(\"(?:[^\"\\\\]|\\\\.)*\")?[^)]*\\))?");
    private static final Pattern METHOD = Pattern.compile("^(?:public\\s+|abstract\\s+)*(.+?)\\s+(\\w+)\\s*\\(\\s*\\)$", Pattern.DOTALL);
    private static final Set<String> LEAF_TYPES = Set.of(
            "String", "Duration", "Period", "Instant", "ZoneId", "LocalDate", "Locale", "Charset", "URI", "URL", "Path",
            "Pattern", "InetAddress", "BigDecimal", "BigInteger", "Character", "char",
            "int", "long", "short", "byte", "boolean", "double", "float",
            "Integer", "Long", "Short", "Byte", "Boolean", "Double", "Float",
            "OptionalInt", "OptionalLong", "OptionalDouble", "MemorySize");
    private static final Set<String> WRAPPERS = Set.of("Optional", "List", "Set", "Collection", "Supplier");

    private ConfigMappingSource() {
    }

    /** Whether a source file declares a config mapping at all. */
    static boolean declaresMapping(String javaSource) {
        return MAPPING.matcher(stripComments(javaSource)).find();
    }

    static Set<String> propertyNames(String javaSource) {
        String source = stripComments(javaSource);
        Matcher mapping = MAPPING.matcher(source);
        if (!mapping.find()) {
            throw new IllegalArgumentException("no @ConfigMapping in this source");
        }
        String arguments = mapping.group(1);
        if (arguments.contains("namingStrategy")) {
            throw new IllegalArgumentException("only the default (kebab-case) naming strategy is understood: " + arguments);
        }
        Matcher prefixMatcher = PREFIX.matcher(arguments);
        String prefix = prefixMatcher.find() ? prefixMatcher.group(1) : "";

        Map<String, String> interfaces = new LinkedHashMap<>();
        Set<String> enums = new LinkedHashSet<>();
        String root = null;
        Matcher declaration = TYPE_DECLARATION.matcher(source);
        while (declaration.find()) {
            int open = declaration.end() - 1;
            String kind = declaration.group(1);
            String name = declaration.group(2);
            if (kind.equals("interface")) {
                interfaces.put(name, withoutBlocks(source.substring(open + 1, matchingBrace(source, open))));
                if (root == null && declaration.start() > mapping.start()) {
                    root = name;
                }
            } else if (kind.equals("enum")) {
                enums.add(name);
            }
        }
        if (root == null) {
            throw new IllegalArgumentException("no interface after @ConfigMapping");
        }
        Set<String> names = new LinkedHashSet<>();
        collect(root, prefix, interfaces, enums, names, new ArrayList<>());
        return names;
    }

    private static void collect(String type, String path, Map<String, String> interfaces, Set<String> enums,
                                Set<String> names, List<String> visiting) {
        if (visiting.contains(type)) {
            throw new IllegalArgumentException("recursive group " + visiting + " -> " + type);
        }
        visiting.add(type);
        for (String member : splitMembers(interfaces.get(type))) {
            List<String[]> annotations = new ArrayList<>();
            Matcher annotation = ANNOTATION.matcher(member);
            int end = 0;
            while (annotation.find() && member.substring(end, annotation.start()).isBlank()) {
                annotations.add(new String[] {simpleName(annotation.group(1)), unquote(annotation.group(3))});
                end = annotation.end();
            }
            String declaration = member.substring(end).strip();
            if (declaration.isEmpty() || declaration.contains("=") || declaration.startsWith("static ")
                    || declaration.startsWith("default ")) {
                continue;
            }
            Matcher method = METHOD.matcher(declaration);
            if (!method.matches()) {
                throw new IllegalArgumentException("cannot read member of " + type + ": " + declaration);
            }
            String segment = kebab(method.group(2));
            for (String[] a : annotations) {
                if (a[0].equals("WithName")) {
                    segment = a[1];
                } else if (a[0].equals("WithParentName")) {
                    segment = null;
                }
            }
            String key = segment == null ? path : join(path, segment);
            addType(method.group(1).replaceAll("\\s+", ""), key, type, interfaces, enums, names, visiting);
        }
        visiting.remove(type);
    }

    private static void addType(String typeName, String key, String owner, Map<String, String> interfaces, Set<String> enums,
                                Set<String> names, List<String> visiting) {
        String raw = typeName.contains("<") ? typeName.substring(0, typeName.indexOf('<')) : typeName;
        raw = simpleName(raw.replace("[]", ""));
        String argument = typeName.contains("<") ? typeName.substring(typeName.indexOf('<') + 1, typeName.lastIndexOf('>')) : null;
        if (raw.equals("Map")) {
            int comma = topLevelComma(argument);
            addType(argument.substring(comma + 1), join(key, "*"), owner, interfaces, enums, names, visiting);
        } else if (WRAPPERS.contains(raw) && argument != null) {
            String element = simpleName(argument.contains("<") ? argument.substring(0, argument.indexOf('<')) : argument);
            if (!raw.equals("Optional") && interfaces.containsKey(element)) {
                throw new IllegalArgumentException("lists of groups are not understood: " + typeName + " in " + owner);
            }
            addType(argument, key, owner, interfaces, enums, names, visiting);
        } else if (interfaces.containsKey(raw)) {
            collect(raw, key, interfaces, enums, names, visiting);
        } else if (LEAF_TYPES.contains(raw) || enums.contains(raw)) {
            names.add(key);
        } else {
            throw new IllegalArgumentException("cannot tell whether " + typeName + " (in " + owner + ") is a value or a group");
        }
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean upper = Character.isUpperCase(c);
            boolean afterLower = i > 0 && !Character.isUpperCase(camel.charAt(i - 1));
            boolean beforeLower = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
            if (upper && i > 0 && (afterLower || beforeLower)) {
                out.append('-');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static String join(String path, String segment) {
        return path.isEmpty() ? segment : path + "." + segment;
    }

    private static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1).strip();
    }

    private static String unquote(String literal) {
        return literal == null ? null : literal.substring(1, literal.length() - 1);
    }

    private static int topLevelComma(String arguments) {
        int depth = 0;
        for (int i = 0; i < arguments.length(); i++) {
            char c = arguments.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("not a Map<K, V>: " + arguments);
    }

    /** Members are separated by ';' outside string literals. */
    private static List<String> splitMembers(String body) {
        List<String> members = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString && c == '\\') {
                current.append(c).append(body.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            if (c == ';' && !inString) {
                members.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            members.add(current.toString().strip());
        }
        return members;
    }

    /** A body without its nested blocks (nested types, default-method bodies); each block ends a member. */
    private static String withoutBlocks(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '"') {
                int end = endOfString(body, i);
                out.append(body, i, end + 1);
                i = end + 1;
            } else if (c == '{') {
                int end = matchingBrace(body, i);
                // The declaration that owned the block (e.g. "interface Admin") is not a member.
                int start = Math.max(out.lastIndexOf(";"), out.lastIndexOf("}")) + 1;
                out.setLength(start);
                out.append(';');
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced braces");
    }

    private static int endOfString(String text, int quote) {
        for (int i = quote + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated string");
    }

    /** The source without comments; string and char literals are kept as they are. */
    static String stripComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(source, i, Math.min(end + 1, source.length()));
                i = end + 1;
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
