package dev.workflowchat.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a tdd.report may bring as evidence, read and checked; a wrong part makes the report invalid. */
class TddEvidenceTest {

    private final EventParser parser = new EventParser();

    @Test
    void theEvidenceIsReadWhenThereAndNoneWhenNot() {
        InboundEvent.TddReport with = report("\"tests\":{\"passed\":12,\"failed\":0,\"skipped\":1},\"commit\":\"9f2c1e7\","
                + "\"ci\":\"passed\",\"url\":\"https://ci.example.com/runs/1\"");
        assertThat(with.evidence()).isEqualTo(new TddEvidence(12, 0, 1, "9f2c1e7", "passed", "https://ci.example.com/runs/1"));
        assertThat(with.evidence().hasTests()).isTrue();
        assertThat(report("\"detail\":\"x\"").evidence()).isEqualTo(TddEvidence.NONE);
    }

    static Stream<Arguments> wrong() {
        return Stream.of(
                Arguments.of("\"tests\":{\"failed\":-1}", "tests.failed must be a whole number"),
                Arguments.of("\"tests\":{\"passed\":1.5}", "tests.passed must be a whole number"),
                Arguments.of("\"tests\":{\"skipped\":\"two\"}", "tests.skipped must be a whole number"),
                Arguments.of("\"tests\":{\"failed\":2000000}", "tests.failed must be a whole number"),
                Arguments.of("\"tests\":[1,2]", "tests must be an object"),
                Arguments.of("\"commit\":\"xyz\"", "commit must be a commit sha"),
                Arguments.of("\"commit\":42", "commit must be a string"),
                Arguments.of("\"ci\":\"green\"", "ci must be one of"),
                Arguments.of("\"url\":\"ftp://x/y\"", "url must be an http(s) address"),
                Arguments.of("\"url\":\"https://x/a b\"", "url must be an http(s) address"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrong")
    void aWrongPartIsRefusedWithItsReason(String evidence, String reason) {
        assertThatThrownBy(() -> report(evidence)).isInstanceOf(InvalidEventException.class).hasMessageContaining(reason);
    }

    private InboundEvent.TddReport report(String evidence) {
        return (InboundEvent.TddReport) parser.inbound(parser.envelope("{\"v\":1,\"id\":\"e-1\",\"type\":\"tdd.report\","
                + "\"source\":\"agent:code\",\"data\":{\"story_id\":\"S1\",\"to\":\"TEST_RED\"," + evidence + "}}"));
    }
}
