package dev.workflowchat.bridge.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which web reactions Discord would take as an emoji of its own; anything else stays on the web. */
class ReactionRelayTest {

    @Test
    void standardEmojiAndTheirSequencesAreDiscordsAndTextIsNot() {
        assertThat(ReactionRelay.isStandardEmoji("👍")).isTrue();
        assertThat(ReactionRelay.isStandardEmoji("👍🏽")).isTrue();
        assertThat(ReactionRelay.isStandardEmoji("❤️")).isTrue();
        assertThat(ReactionRelay.isStandardEmoji("👩‍💻")).isTrue();
        assertThat(ReactionRelay.isStandardEmoji("🇫🇷")).isTrue();
        assertThat(ReactionRelay.isStandardEmoji("ok")).isFalse();
        assertThat(ReactionRelay.isStandardEmoji("+1")).isFalse();
        assertThat(ReactionRelay.isStandardEmoji(":party:")).isFalse();
        assertThat(ReactionRelay.isStandardEmoji("é")).isFalse();
        assertThat(ReactionRelay.isStandardEmoji("1")).isFalse();
    }
}
