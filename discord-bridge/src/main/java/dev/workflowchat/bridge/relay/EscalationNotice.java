package dev.workflowchat.bridge.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.bridge.config.UserMap;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the bridge posts when an approval is escalated: each person it was escalated to, mentioned
 * through their mapped Discord account(s) or named plainly, and what waits for them:
 * {@code <@123>, carol: approval #abcd1234 by code waits for you: Push the fix (expires in 7 min)}.
 * {@code pinged} are the Discord users mentioned, the only ones the message may ping.
 */
record EscalationNotice(String content, List<String> pinged) {

    /** Long titles are cut: the notice points to the card, it does not replace it. */
    private static final int TITLE_MAX = 300;

    /** The notice of an {@code approval.escalated} event's data ({@code approval}, {@code to}). */
    static EscalationNotice of(JsonNode data, UserMap users, Instant now, String webUrl) {
        JsonNode approval = data.path("approval");
        List<String> addressed = new ArrayList<>();
        List<String> pinged = new ArrayList<>();
        for (JsonNode target : data.path("to")) {
            String username = target.asText();
            List<String> discordIds = users.discordUsersOf(username);
            if (discordIds.isEmpty()) {
                addressed.add(username);
            }
            for (String discordId : discordIds) {
                addressed.add("<@" + discordId + ">");
                pinged.add(discordId);
            }
        }
        String id = approval.path("approval_id").asText();
        StringBuilder content = new StringBuilder();
        if (!addressed.isEmpty()) {
            content.append(String.join(", ", addressed)).append(' ');
        }
        content.append("approval #").append(id, 0, Math.min(8, id.length()));
        String agent = approval.path("requested_by").asText("");
        if (!agent.isBlank()) {
            content.append(" by ").append(agent);
        }
        content.append(" waits for you: ").append(title(approval.path("title").asText("")));
        remaining(approval.path("expires_at").asText(null), now).ifPresent(left -> content.append(" (").append(left).append(')'));
        content.append("\n🔗 Decide in Workflow Chat: ").append(webUrl);
        return new EscalationNotice(content.toString(), List.copyOf(pinged));
    }

    private static String title(String title) {
        String oneLine = title.replaceAll("\\s+", " ").strip();
        return oneLine.length() > TITLE_MAX ? oneLine.substring(0, TITLE_MAX - 1) + "…" : oneLine;
    }

    /** "expires in 7 min", rounded down: the notice never promises more time than is left. */
    static Optional<String> remaining(String expiresAt, Instant now) {
        Instant end;
        try {
            end = expiresAt == null ? null : OffsetDateTime.parse(expiresAt).toInstant();
        } catch (DateTimeParseException e) {
            end = null;
        }
        if (end == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, end);
        if (left.isNegative() || left.isZero()) {
            return Optional.of("expires now");
        }
        if (left.toMinutes() < 1) {
            return Optional.of("expires in less than a minute");
        }
        if (left.toMinutes() < 120) {
            return Optional.of("expires in " + left.toMinutes() + " min");
        }
        if (left.toHours() < 48) {
            return Optional.of("expires in " + left.toHours() + " h");
        }
        return Optional.of("expires in " + left.toDays() + " days");
    }
}
