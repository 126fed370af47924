package dev.workflowchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedisNamesTest {

    private final RedisNames plain = new RedisNames(RedisNames.DEFAULT_PREFIX);
    private final RedisNames tagged = new RedisNames(RedisNames.CLUSTER_PREFIX);

    @Test
    void shouldKeepTheDefaultNamesUnchanged() {
        assertThat(plain.inStream()).isEqualTo("wfchat:in:stream");
        assertThat(plain.inStream("bot")).isEqualTo("wfchat:in:bot:stream");
        assertThat(plain.stateSnapshot("default")).isEqualTo("wfchat:state:snapshot:default");
        assertThat(plain.leaderLease("state")).isEqualTo("wfchat:leader:{state}");
        assertThat(plain.agentsInStreamPattern()).isEqualTo("wfchat:in:*:stream");
        assertThat(plain.hashTag()).isEmpty();
    }

    @Test
    void shouldPutEveryNameUnderTheClusterPrefixInTheSlotOfItsHashTag() {
        assertThat(tagged.hashTag()).contains("wfchat");
        List<String> names = List.of(tagged.in(), tagged.inStream(), tagged.inStream("bot"), tagged.out(), tagged.outStream(),
                tagged.agentStream("bot"), tagged.stateIn(), tagged.stateInStream(), tagged.stateInStream("bot"),
                tagged.stateCommands(), tagged.state(), tagged.stateStream(), tagged.stateSnapshot("default"),
                tagged.deadletter(), tagged.bridgeInStream(), tagged.bridgeHealth(), tagged.leaderLease("state"),
                tagged.leaderFence("bridge"));
        assertThat(names).allSatisfy(name -> assertThat(hashedPart(name)).isEqualTo("wfchat"));
        assertThat(tagged.inStream()).isEqualTo("{wfchat}:in:stream");
        assertThat(tagged.leaderLease("state")).isEqualTo("{wfchat}:leader:{state}");
    }

    @Test
    void shouldMatchAgentsWaysUnderABracedPrefixWithBracesTakenLiterally() {
        assertThat(tagged.agentsInPattern()).isEqualTo("{wfchat}:in:*");
        assertThat(tagged.agentsStateInStreamPattern()).isEqualTo("{wfchat}:state:in:*:stream");
        assertThat(tagged.agentOfIn("{wfchat}:in:bot:stream")).contains("bot");
        assertThat(tagged.agentOfIn("wfchat:in:bot:stream")).isEmpty();
        assertThat(tagged.agentOfStateIn("{wfchat}:state:in:bot")).contains("bot");
    }

    @Test
    void shouldEscapeWhatAGlobWouldReadAsAWildcardInAPrefix() {
        RedisNames odd = new RedisNames("a*b?[c]\\d");
        assertThat(odd.agentsInPattern()).isEqualTo("a\\*b\\?\\[c\\]\\\\d:in:*");
        assertThat(RedisNames.literalGlob("{x}")).isEqualTo("{x}");
    }

    @Test
    void shouldFindNoHashTagInEmptyOrUnclosedBraces() {
        assertThat(new RedisNames("{}wfchat").hashTag()).isEmpty();
        assertThat(new RedisNames("{wfchat").hashTag()).isEmpty();
        assertThat(new RedisNames("app:{eu}:wfchat").hashTag()).contains("eu");
        assertThatThrownBy(() -> new RedisNames(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    /** What Redis Cluster hashes (its key-slot rule): the first {…} with something inside, else the whole key. */
    private static String hashedPart(String key) {
        int open = key.indexOf('{');
        int close = open < 0 ? -1 : key.indexOf('}', open + 1);
        return close > open + 1 ? key.substring(open + 1, close) : key;
    }
}
