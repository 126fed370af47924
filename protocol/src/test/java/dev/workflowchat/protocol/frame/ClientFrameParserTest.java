package dev.workflowchat.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientFrameParserTest {

    private final ClientFrameParser parser = new ClientFrameParser();

    @Test
    void shouldReadAMessageSendWithItsOptionalFields() {
        ClientFrame frame = parser.parse("""
                {"type":"message.send","ref":"7","channel":"general","content":"hi **there**",
                 "thread_id":"a","reply_to":null,"attachment_ids":["f1","f2"],"extra":"ignored"}""");
        assertThat(frame).isEqualTo(new ClientFrame.SendMessage("7", "general", "hi **there**", "a", null,
                java.util.List.of("f1", "f2")));
    }

    @Test
    void shouldReadPinAndUnpinWithTheirMessageId() {
        assertThat(parser.parse("{\"type\":\"message.pin\",\"ref\":\"p\",\"message_id\":\"m1\"}"))
                .isEqualTo(new ClientFrame.PinMessage("p", "m1"));
        assertThat(parser.parse("{\"type\":\"message.unpin\",\"message_id\":\"m1\"}"))
                .isEqualTo(new ClientFrame.UnpinMessage(null, "m1"));
        assertError("{\"type\":\"message.pin\",\"ref\":\"p\"}", ErrorCode.BAD_REQUEST, "p");
    }

    @Test
    void shouldDefaultTheHistoryLimitAndAcceptANumericRef() {
        ClientFrame frame = parser.parse("{\"type\":\"history\",\"ref\":12,\"channel\":\"general\"}");
        assertThat(frame).isEqualTo(new ClientFrame.RequestHistory("12", "general", null, Limits.DEFAULT_HISTORY_LIMIT));
    }

    @Test
    void shouldRequireAReasonToRejectAndModificationsToModify() {
        assertError("{\"type\":\"approval.respond\",\"ref\":\"r\",\"approval_id\":\"a\",\"action\":\"reject\"}",
                ErrorCode.BAD_REQUEST, "r");
        assertError("{\"type\":\"approval.respond\",\"approval_id\":\"a\",\"action\":\"modify\"}",
                ErrorCode.BAD_REQUEST, null);
        assertThat(parser.parse("{\"type\":\"approval.respond\",\"approval_id\":\"a\",\"action\":\"modify\","
                + "\"modifications\":{\"files\":[\"a.py\"]}}"))
                .isInstanceOf(ClientFrame.RespondToApproval.class);
    }

    @Test
    void shouldReadABulkDecisionOfOneToAThousandIdsAndRememberOnlyWithApprove() {
        assertThat(parser.parse("{\"type\":\"approval.respond_many\",\"ref\":\"b\",\"approval_ids\":[\"a\",\"b\"],"
                + "\"action\":\"approve\"}"))
                .isEqualTo(new ClientFrame.RespondToApprovals("b", java.util.List.of("a", "b"), "approve", null));
        assertError("{\"type\":\"approval.respond_many\",\"ref\":\"e\",\"approval_ids\":[],\"action\":\"approve\"}",
                ErrorCode.BAD_REQUEST, "e");
        String many = "[" + "\"x\",".repeat(1_000) + "\"x\"]";
        assertError("{\"type\":\"approval.respond_many\",\"approval_ids\":" + many + ",\"action\":\"approve\"}",
                ErrorCode.BAD_REQUEST, null);
        assertError("{\"type\":\"approval.respond_many\",\"approval_ids\":[\"a\"],\"action\":\"modify\"}",
                ErrorCode.BAD_REQUEST, null);
        assertError("{\"type\":\"approval.respond_many\",\"approval_ids\":[\"a\"],\"action\":\"reject\"}",
                ErrorCode.BAD_REQUEST, null);
        assertError("{\"type\":\"approval.respond_many\",\"approval_ids\":[1],\"action\":\"approve\"}",
                ErrorCode.BAD_REQUEST, null);
        assertError("{\"type\":\"approval.respond\",\"approval_id\":\"a\",\"action\":\"reject\",\"comment\":\"no\","
                + "\"remember\":{\"until\":\"revoked\"}}", ErrorCode.BAD_REQUEST, null);
        assertThat(parser.parse("{\"type\":\"approval.respond\",\"approval_id\":\"a\",\"action\":\"approve\","
                + "\"remember\":{\"until\":\"sprint\"}}"))
                .isEqualTo(new ClientFrame.RespondToApproval(null, "a", "approve", null, null, java.util.Map.of("until", "sprint")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "nonsense", "[]", "42", "\"text\"", "null", "{\"type\":}"})
    void shouldRefuseWhatIsNotAJsonObject(String text) {
        assertError(text, ErrorCode.BAD_REQUEST, null);
    }

    @Test
    void shouldNameTheMissingOrMistypedField() {
        assertThatThrownBy(() -> parser.parse("{\"type\":\"message.send\",\"ref\":\"x\",\"content\":\"hi\"}"))
                .hasMessage("missing field: channel");
        assertThatThrownBy(() -> parser.parse("{\"ref\":\"x\"}")).hasMessage("missing field: type");
        assertThatThrownBy(() -> parser.parse("{\"type\":\"read\",\"channel\":\"general\",\"seq\":\"ten\"}"))
                .hasMessage("seq must be a non-negative integer");
        assertThatThrownBy(() -> parser.parse("{\"type\":\"resume\",\"after_seq\":1.5}"))
                .hasMessage("after_seq must be a non-negative integer");
    }

    @Test
    void shouldKeepTheRefOfAnUnknownType() {
        assertError("{\"type\":\"self.destruct\",\"ref\":\"boom\"}", ErrorCode.BAD_REQUEST, "boom");
    }

    @Test
    void shouldBoundContentHistoryAndReactions() {
        assertError(send("x".repeat(Limits.MAX_CONTENT_CHARS + 1)), ErrorCode.TOO_LARGE, "s");
        assertThat(parser.parse(send("x".repeat(Limits.MAX_CONTENT_CHARS)))).isInstanceOf(ClientFrame.SendMessage.class);
        assertError("{\"type\":\"history\",\"ref\":\"h\",\"channel\":\"g\",\"limit\":201}", ErrorCode.BAD_REQUEST, "h");
        assertError("{\"type\":\"history\",\"ref\":\"h\",\"channel\":\"g\",\"limit\":0}", ErrorCode.BAD_REQUEST, "h");
        assertError("{\"type\":\"reaction.add\",\"ref\":\"e\",\"message_id\":\"m\",\"reaction\":\"" + "x".repeat(65) + "\"}",
                ErrorCode.BAD_REQUEST, "e");
    }

    @Test
    void shouldRefuseAFrameOverSixtyFourKibibytesButKeepItsRef() {
        String frame = "{\"type\":\"message.send\",\"content\":\"a\",\"pad\":\"" + "p".repeat(Limits.MAX_FRAME_BYTES)
                + "\",\"ref\":\"late-ref\"}";
        assertError(frame, ErrorCode.TOO_LARGE, "late-ref");
        // multi-byte characters count as their UTF-8 bytes
        assertError(send("é".repeat(Limits.MAX_FRAME_BYTES / 2 + 10)), ErrorCode.TOO_LARGE, "s");
    }

    @Test
    void shouldRefuseJsonBombsWithoutFailingHard() {
        // nesting beyond the stream limit is refused as malformed, long before the stack is at risk
        String deep = "{\"type\":\"typing\",\"channel\":\"g\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertError(deep, ErrorCode.BAD_REQUEST, null);
        String nested = "{\"type\":\"typing\",\"channel\":\"g\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertError(nested, ErrorCode.BAD_REQUEST, null);
        String shallow = "{\"type\":\"typing\",\"channel\":\"g\",\"x\":" + "[".repeat(30) + "]".repeat(30) + "}";
        assertThat(parser.parse(shallow)).isInstanceOf(ClientFrame.Typing.class);
    }

    @Test
    void shouldRefuseAnOverlongRef() {
        assertError("{\"type\":\"typing\",\"channel\":\"g\",\"ref\":\"" + "r".repeat(129) + "\"}", ErrorCode.BAD_REQUEST, null);
    }

    private static String send(String content) {
        return "{\"type\":\"message.send\",\"ref\":\"s\",\"channel\":\"general\",\"content\":\"" + content + "\"}";
    }

    private void assertError(String text, ErrorCode code, String ref) {
        assertThatThrownBy(() -> parser.parse(text))
                .isInstanceOfSatisfying(InvalidFrameException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.ref()).isEqualTo(ref);
                });
    }
}
