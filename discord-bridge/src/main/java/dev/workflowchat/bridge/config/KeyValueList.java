package dev.workflowchat.bridge.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A setting that is a comma-separated list of {@code key=value} pairs in one variable, e.g.
 * {@code WFCHAT_DISCORD_CHANNELS=general=123,workflow=456}: one parser for every such map of the bridge.
 *
 * <p>Not a {@code @ConfigMapping} {@code Map<String, String>}: SmallRye fills such a map from one
 * property per key ({@code wfchat.discord.channels.general=123}, {@code WFCHAT_DISCORD_CHANNELS_GENERAL}
 * in the environment), so the one-variable form operators already set in {@code .env}, compose and
 * Kubernetes would stop working, and a variable's name can't carry a channel name's case or its
 * {@code -} faithfully.
 */
record KeyValueList(String setting, String shape, Predicate<String> validKey, Predicate<String> validValue,
                    boolean uniqueValues) {

    /** A Discord id (a snowflake), the one side of every such map. */
    static final Pattern DISCORD_ID = Pattern.compile("\\d{1,20}");

    /**
     * The pairs in their order, keys and values stripped, blank entries skipped; a malformed entry or
     * a key (or, when {@code uniqueValues}, a value) named twice is a configuration error, said plainly.
     */
    Map<String, String> parse(String spec) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (spec == null) {
            return Map.of();
        }
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || !validKey.test(parts[0].strip()) || !validValue.test(parts[1].strip())) {
                throw new IllegalArgumentException(setting + " entry '" + entry.strip() + "' is not " + shape);
            }
            String key = parts[0].strip();
            String value = parts[1].strip();
            if (pairs.containsKey(key) || (uniqueValues && pairs.containsValue(value))) {
                throw new IllegalArgumentException(setting + " maps '" + key + "' or " + value + " twice");
            }
            pairs.put(key, value);
        }
        return Collections.unmodifiableMap(pairs);
    }
}
