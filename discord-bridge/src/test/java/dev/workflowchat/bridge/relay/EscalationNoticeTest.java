package dev.workflowchat.bridge.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workflowchat.bridge.config.UserMap;
import dev.workflowchat.protocol.ProtocolJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscalationNoticeTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final UserMap USERS = UserMap.parse("123=alice,456=bob,789=bob");
    private static final String WEB = "https://chat.example/";

    @Test
    void mentionsMappedPeopleNamesTheOthersAndSaysWhatWaits() {
        EscalationNotice notice = EscalationNotice.of(escalated("Push the fix", Duration.ofSeconds(450),
                List.of("alice", "carol")), USERS, NOW, WEB);

        assertThat(notice.content()).isEqualTo("<@123>, carol approval #abcd1234 by code waits for you: Push the fix"
                + " (expires in 7 min)\n🔗 Decide in Workflow Chat: https://chat.example/");
        assertThat(notice.pinged()).containsExactly("123");
    }

    @Test
    void pingsEveryDiscordAccountOfAPersonAndNoOneElse() {
        EscalationNotice notice = EscalationNotice.of(escalated("<@999> @everyone deploy", Duration.ofHours(3),
                List.of("bob")), USERS, NOW, WEB);

        assertThat(notice.content()).startsWith("<@456>, <@789> approval #abcd1234 by code waits for you: <@999> @everyone deploy (expires in 3 h)");
        assertThat(notice.pinged()).containsExactly("456", "789");
    }

    @Test
    void saysTheTimeLeftRoundedDown() {
        assertThat(EscalationNotice.remaining("2026-12-03T10:00:30Z", NOW)).contains("expires in less than a minute");
        assertThat(EscalationNotice.remaining("2026-12-03T11:59:59Z", NOW)).contains("expires in 119 min");
        assertThat(EscalationNotice.remaining("2026-12-05T09:59:59Z", NOW)).contains("expires in 47 h");
        assertThat(EscalationNotice.remaining("2026-12-10T10:00:00Z", NOW)).contains("expires in 7 days");
        assertThat(EscalationNotice.remaining("2026-12-03T09:59:00Z", NOW)).contains("expires now");
        assertThat(EscalationNotice.remaining("not a time", NOW)).isEmpty();
        assertThat(EscalationNotice.remaining(null, NOW)).isEmpty();
    }

    @Test
    void aLongOrMultiLineTitleIsCutToOneLine() {
        EscalationNotice notice = EscalationNotice.of(escalated("first\nsecond " + "x".repeat(1_000), Duration.ofMinutes(5),
                List.of("alice")), USERS, NOW, WEB);

        String line = notice.content().lines().findFirst().orElseThrow();
        assertThat(line).contains("waits for you: first second xxx").contains("…").hasSizeLessThan(450);
    }

    private static JsonNode escalated(String title, Duration left, List<String> to) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode();
        data.putObject("approval")
                .put("approval_id", "abcd1234-5678")
                .put("title", title)
                .put("requested_by", "code")
                .put("channel", "workflow")
                .put("status", "pending")
                .put("expires_at", NOW.plus(left).toString());
        to.forEach(data.putArray("to")::add);
        return data;
    }
}
