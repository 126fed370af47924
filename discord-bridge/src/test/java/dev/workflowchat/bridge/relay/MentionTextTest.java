package dev.workflowchat.bridge.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Mentions both ways: readable on the web, pinging in Discord, code left alone, hostile text in linear time. */
class MentionTextTest {

    private static final MentionText.Names NAMES = new MentionText.Names() {
        @Override
        public String user(String id) {
            return Map.of("123", "Ada Nick", "124", "Bob").get(id);
        }

        @Override
        public String channel(String id) {
            return Map.of("456", "general").get(id);
        }

        @Override
        public String role(String id) {
            return Map.of("789", "Reviewers").get(id);
        }
    };

    @Test
    void discordMentionsBecomeReadableNames() {
        assertThat(MentionText.toWeb("hi <@123> and <@!124>, see <#456> <@&789> <:party:111> <a:spin:222>", NAMES))
                .isEqualTo("hi @Ada Nick and @Bob, see #general @Reviewers :party: :spin:");
    }

    @Test
    void unknownMentionsSayUnknownInsteadOfAnId() {
        assertThat(MentionText.toWeb("<@999> <#998> <@&997>", NAMES))
                .isEqualTo("@unknown-user #unknown-channel @unknown-role");
    }

    @Test
    void mentionLookingTextInsideCodeIsLeftAlone() {
        String text = "run `<@123>` then\n```\n<#456> <@&789> @ada\n``` and <@123>";
        assertThat(MentionText.toWeb(text, NAMES))
                .isEqualTo("run `<@123>` then\n```\n<#456> <@&789> @ada\n``` and @Ada Nick");
        assertThat(MentionText.toDiscord(text, name -> Optional.of("42")))
                .isEqualTo("run `<@123>` then\n```\n<#456> <@&789> @ada\n``` and <@123>");
    }

    @Test
    void anUnclosedBacktickIsText() {
        assertThat(MentionText.toWeb("a ` b <@123>", NAMES)).isEqualTo("a ` b @Ada Nick");
        assertThat(MentionText.toWeb("```<@123>", NAMES)).isEqualTo("```@Ada Nick");
    }

    @Test
    void aWebMentionOfAMappedPersonBecomesADiscordMention() {
        Map<String, String> mapped = Map.of("alice", "4200");
        assertThat(MentionText.toDiscord("ping @alice, @Alice and @carol; mail bob@alice.example; @everyone @here",
                name -> Optional.ofNullable(mapped.get(name.toLowerCase()))))
                .isEqualTo("ping <@4200>, <@4200> and @carol; mail bob@alice.example; @everyone @here");
    }

    @Test
    void twoThousandMentionsTakeLinearTime() {
        AtomicInteger lookups = new AtomicInteger();
        String users = IntStream.range(0, 2000).mapToObj(i -> "<@" + (100000 + i) + ">").collect(Collectors.joining(" "));
        String ticks = "`".repeat(1) + " <@1> ```".repeat(2000);
        String webNames = IntStream.range(0, 2000).mapToObj(i -> "@user" + i).collect(Collectors.joining(" "));
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            String web = MentionText.toWeb(users + ticks, new MentionText.Names() {
                @Override
                public String user(String id) {
                    lookups.incrementAndGet();
                    return null;
                }

                @Override
                public String channel(String id) {
                    return null;
                }

                @Override
                public String role(String id) {
                    return null;
                }
            });
            assertThat(web).startsWith("@unknown-user @unknown-user");
            assertThat(MentionText.toDiscord(webNames, name -> Optional.of("1"))).startsWith("<@1> <@1>");
        });
        assertThat(lookups.get()).isGreaterThanOrEqualTo(2000);
    }
}
