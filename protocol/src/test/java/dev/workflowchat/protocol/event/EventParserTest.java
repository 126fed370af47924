package dev.workflowchat.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workflowchat.protocol.event.EventFixtures.Fixture;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventParserTest {

    private final EventParser parser = new EventParser();

    static java.util.List<Fixture> validFixtures() {
        return EventFixtures.valid();
    }

    static java.util.List<Fixture> invalidFixtures() {
        return EventFixtures.invalid();
    }

    @ParameterizedTest
    @MethodSource("validFixtures")
    void shouldAcceptEveryValidFixture(Fixture fixture) {
        Envelope envelope = parser.envelope(fixture.raw());
        assertThat(envelope.type()).isEqualTo(fixture.type());
        InboundEvent event = parser.inbound(envelope);
        assertThat(event.id()).isEqualTo(envelope.id());
    }

    @ParameterizedTest
    @MethodSource("invalidFixtures")
    void shouldRefuseEveryInvalidFixtureWithItsReason(Fixture fixture) {
        assertThatThrownBy(() -> parser.inbound(parser.envelope(fixture.raw())))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(fixture.reason());
    }

    @Test
    void fixturesShouldCoverEveryInboundType() {
        Set<String> covered = new HashSet<>();
        EventFixtures.valid().forEach(fixture -> covered.add(fixture.type()));
        assertThat(covered).containsAll(EventTypes.CHAT_INBOUND).containsAll(EventTypes.STATE_INBOUND);
    }

    @Test
    void shouldReadTheTypedFieldsOfAnAgentMessage() {
        InboundEvent event = parser.inbound(EventFixtures.validOf("agent.message").raw(), EventTypes.CHAT_INBOUND);
        assertThat(event).isInstanceOfSatisfying(InboundEvent.AgentMessage.class, message -> {
            assertThat(message.channel()).isEqualTo("general");
            assertThat(message.agent()).isEqualTo("code");
            assertThat(message.metadata()).containsEntry("build", 42);
            assertThat(message.source()).isEqualTo("agent:code");
        });
    }

    @Test
    void shouldReadTheTypedFieldsOfABridgeMessage() {
        InboundEvent plain = parser.inbound(EventFixtures.validOf("bridge.message").raw(), EventTypes.CHAT_INBOUND);
        assertThat(plain).isInstanceOfSatisfying(InboundEvent.BridgeMessage.class, message -> {
            assertThat(message.externalId()).isEqualTo("1180000000000000001");
            assertThat(message.authorId()).isEqualTo("555");
            assertThat(message.authorName()).isEqualTo("dana");
            assertThat(message.avatarUrl()).isEqualTo("https://cdn.example/a.png");
            assertThat(message.replyToExternal()).isNull();
            assertThat(message.attachmentIds()).isEmpty();
        });
        Fixture withFiles = EventFixtures.valid().stream()
                .filter(fixture -> fixture.raw().contains("attachment_ids")).findFirst().orElseThrow();
        assertThat(parser.inbound(withFiles.raw(), EventTypes.CHAT_INBOUND))
                .isInstanceOfSatisfying(InboundEvent.BridgeMessage.class, message -> {
                    assertThat(message.content()).isEmpty();
                    assertThat(message.replyToExternal()).isEqualTo("1180000000000000001");
                    assertThat(message.attachmentIds()).hasSize(2);
                });
    }

    @Test
    void shouldReadTheTypedFieldsOfABridgeCommand() {
        InboundEvent event = parser.inbound(EventFixtures.validOf("bridge.command").raw(), EventTypes.CHAT_INBOUND);
        assertThat(event).isInstanceOfSatisfying(InboundEvent.BridgeCommand.class, command -> {
            assertThat(command.source()).isEqualTo("discord-bridge");
            assertThat(command.channel()).isEqualTo("general");
            assertThat(command.externalId()).isEqualTo("1180000000000000007");
            assertThat(command.user()).isEqualTo("alice");
            assertThat(command.text()).isEqualTo("/approve fx-approval-1");
            assertThat(command.authorId()).isEqualTo("555");
            assertThat(command.authorName()).isEqualTo("dana");
        });
    }

    @Test
    void shouldTakeABridgeCommandWithoutAuthorButNotAnOverlongOne() {
        String withoutAuthor = "{\"v\":1,\"id\":\"bc1\",\"type\":\"bridge.command\",\"data\":{\"channel\":\"general\","
                + "\"external_id\":\"1\",\"user\":\"alice\",\"text\":\"/help\"}}";
        assertThat(parser.inbound(withoutAuthor, EventTypes.CHAT_INBOUND)).isInstanceOfSatisfying(
                InboundEvent.BridgeCommand.class, command -> assertThat(command.authorId()).isNull());
        String overlong = withoutAuthor.replace("/help", "/" + "x".repeat(EventParser.MAX_COMMAND_CHARS));
        assertThatThrownBy(() -> parser.inbound(overlong, EventTypes.CHAT_INBOUND))
                .hasMessageContaining("text longer than 2000 characters");
        String authorNoObject = withoutAuthor.replace("\"text\"", "\"author\":\"dana\",\"text\"");
        assertThatThrownBy(() -> parser.inbound(authorNoObject, EventTypes.CHAT_INBOUND))
                .hasMessageContaining("author must be an object");
    }

    @Test
    void shouldRefuseAnExternalIdThatIsNoId() {
        String raw = "{\"v\":1,\"id\":\"x1\",\"type\":\"bridge.message.deleted\",\"data\":{\"external_id\":\""
                + "9".repeat(129) + "\"}}";
        assertThatThrownBy(() -> parser.inbound(raw, EventTypes.CHAT_INBOUND))
                .hasMessageContaining("external_id longer than 128");
    }

    @Test
    void shouldDefaultAnApprovalsChannelAndExpiry() {
        String raw = "{\"v\":1,\"id\":\"a1\",\"type\":\"approval.request\",\"data\":{\"request_type\":\"deploy\","
                + "\"title\":\"Ship it\",\"payload\":{}}}";
        assertThat(parser.inbound(raw, EventTypes.CHAT_INBOUND)).isInstanceOfSatisfying(InboundEvent.ApprovalRequest.class,
                request -> {
                    assertThat(request.channel()).isEqualTo("workflow");
                    assertThat(request.expiresInSeconds()).isEqualTo(1800);
                });
    }

    @Test
    void shouldReadAnApprovalsTermsWithTheirDefaultsAndRefuseBadOnes() {
        String base = "{\"v\":1,\"id\":\"t1\",\"type\":\"approval.request\",\"data\":{\"request_type\":\"deploy\","
                + "\"title\":\"Ship it\",\"payload\":{}";
        assertThat(parser.inbound(base + "}}", EventTypes.CHAT_INBOUND)).isInstanceOfSatisfying(
                InboundEvent.ApprovalRequest.class, request -> assertThat(request.terms()).isEqualTo(ApprovalTerms.DEFAULT));
        assertThat(parser.inbound(base + ",\"risk\":\"low\",\"required_approvals\":3,\"on_expiry\":\"approve\","
                + "\"escalate_to\":\"carol\"}}", EventTypes.CHAT_INBOUND)).isInstanceOfSatisfying(InboundEvent.ApprovalRequest.class,
                request -> assertThat(request.terms()).isEqualTo(new ApprovalTerms(3, "approve", "carol")));
        java.util.Map.of(
                ",\"required_approvals\":0", "required_approvals must be 1 to 5",
                ",\"required_approvals\":6", "required_approvals must be 1 to 5",
                ",\"required_approvals\":1.5", "required_approvals must be 1 to 5",
                ",\"on_expiry\":\"approve\"", "on_expiry approve is allowed only for low risk",
                ",\"risk\":\"critical\",\"on_expiry\":\"approve\"", "on_expiry approve is allowed only for low risk",
                ",\"on_expiry\":\"maybe\"", "on_expiry must be reject or approve",
                ",\"escalate_to\":\"Role:Admin\"", "escalate_to must be a username or role:admin",
                ",\"escalate_to\":7", "escalate_to must be a string")
                .forEach((extra, reason) -> assertThatThrownBy(() -> parser.inbound(base + extra + "}}", EventTypes.CHAT_INBOUND))
                        .as(extra).hasMessageContaining(reason));
    }

    @Test
    void shouldRefuseATypeThatBelongsToAnotherChannel() {
        assertThatThrownBy(() -> parser.inbound(EventFixtures.validOf("command.invoke").raw(), EventTypes.CHAT_INBOUND))
                .hasMessageContaining("not accepted here");
    }

    /** A project is a machine in memory and keys in Redis, a story a key of its cycles: no odd names make new ones. */
    @Test
    void shouldHoldProjectNamesAndStoryIdsToAPlainForm() {
        String report = "{\"v\":1,\"id\":\"r\",\"type\":\"tdd.report\",\"data\":{\"story_id\":%s,\"to\":\"TEST_RED\","
                + "\"project\":%s}}";
        assertThat(parser.inbound(report.formatted("\"STORY-42\"", "\"web-shop_2\""), EventTypes.STATE_INBOUND))
                .isInstanceOfSatisfying(InboundEvent.TddReport.class, tdd -> assertThat(tdd.project()).isEqualTo("web-shop_2"));
        assertThat(parser.inbound(report.formatted("\"S1\"", "null"), EventTypes.STATE_INBOUND)).isNotNull();
        for (String project : java.util.List.of("\"../../etc\"", "\"Web Shop\"", "\"\"", "\"" + "p".repeat(65) + "\"",
                "\"*\"", "\"a:b\"")) {
            assertThatThrownBy(() -> parser.inbound(report.formatted("\"S1\"", project), EventTypes.STATE_INBOUND))
                    .as(project).hasMessageContaining("invalid project name");
        }
        for (String story : java.util.List.of("\"\"", "\" \"", "\"" + "s".repeat(65) + "\"", "\"a\\nb\"")) {
            assertThatThrownBy(() -> parser.inbound(report.formatted(story, "\"shop\""), EventTypes.STATE_INBOUND))
                    .as(story).isInstanceOf(InvalidEventException.class);
        }
    }

    @Test
    void shouldKeepTheIdOfAnInvalidEventForTheLog() {
        assertThatThrownBy(() -> parser.inbound("{\"v\":1,\"id\":\"keep-me\",\"type\":\"agent.status\",\"data\":{}}",
                EventTypes.CHAT_INBOUND))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.id()).isEqualTo("keep-me"));
    }

    @Test
    void shouldRefuseHugeAndDeepPayloads() {
        String huge = "{\"v\":1,\"id\":\"h\",\"type\":\"agent.message\",\"data\":{\"content\":\""
                + "x".repeat(EventParser.MAX_ENVELOPE_BYTES) + "\"}}";
        assertThatThrownBy(() -> parser.envelope(huge)).hasMessageContaining("larger than");
        String deep = "{\"v\":1,\"id\":\"d\",\"type\":\"agent.message\",\"data\":" + "[".repeat(500) + "]".repeat(500) + "}";
        assertThatThrownBy(() -> parser.envelope(deep)).hasMessageContaining("not JSON");
    }

    @Test
    void shouldRoundTripAnOutboundEnvelope() {
        Envelope out = Envelope.create("message.deleted", "chat-service", 7L,
                java.util.Map.of("message_id", "m", "channel", "general"));
        Envelope back = parser.envelope(out.toJson());
        assertThat(back.seq()).isEqualTo(7L);
        assertThat(back.id()).startsWith("e-");
        assertThat(back.data().path("channel").asText()).isEqualTo("general");
    }
}
