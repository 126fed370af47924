package dev.workflowchat.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** k8s/base/redis/acl-users.sh: the lines it prints, what it refuses, and what those users may do in a real Redis 7. */
class RedisAclTest {

    static final String CHAT = "chatServicePassword1";
    static final String STATE = "stateBroadcasterPassword1";
    static final String BRIDGE = "discordBridgePassword1";
    static final String OPERATOR = "operatorPassword1";
    static final String CODE = "codeAgentPassword1";
    static final String QA = "qaAgentPassword1";

    static Map<String, String> input(String prefix) {
        Map<String, String> env = new HashMap<>(Map.of(
                "WFCHAT_REDIS_PASSWORD_CHAT_SERVICE", CHAT,
                "WFCHAT_REDIS_PASSWORD_STATE_BROADCASTER", STATE,
                "WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE", BRIDGE,
                "WFCHAT_REDIS_PASSWORD_OPERATOR", OPERATOR,
                "WFCHAT_REDIS_AGENT_PASSWORDS", "code=" + CODE + ",qa=" + QA));
        if (prefix != null) {
            env.put("WFCHAT_REDIS_PREFIX", prefix);
        }
        return env;
    }

    @Test
    void printsOneUserPerServiceAndAgentThenTheDefaultOff() {
        Scripts.Result result = Scripts.aclUsers(input("acme"));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stderr()).isEmpty();
        String agent = "on >%s resetkeys resetchannels -@all +ping +hello +publish +xadd +subscribe +xread +xrange +xrevrange "
                + "&acme:in:%s &acme:state:in:%s &acme:agent:%s %%W~acme:in:%s:stream %%W~acme:state:in:%s:stream %%R~acme:agent:%s:stream";
        assertThat(result.stdout().lines()).containsExactly(
                "user chat-service on >" + CHAT + " resetkeys resetchannels ~acme:* &acme:* &acme:in:* &acme:state:in:* +@all -@admin -@dangerous",
                "user state-broadcaster on >" + STATE + " resetkeys resetchannels ~acme:* &acme:* &acme:state:in:* +@all -@admin -@dangerous",
                "user discord-bridge on >" + BRIDGE + " resetkeys resetchannels ~acme:* &acme:* +@all -@admin -@dangerous",
                "user agent-code " + agent.formatted(CODE, "code", "code", "code", "code", "code", "code"),
                "user agent-qa " + agent.formatted(QA, "qa", "qa", "qa", "qa", "qa", "qa"),
                "user operator on >" + OPERATOR + " ~* &* +@all",
                "user default off");
    }

    @Test
    void thePrefixDefaultsToWfchatAndAgentsAndOperatorAreOptional() {
        Map<String, String> env = input(null);
        env.remove("WFCHAT_REDIS_PASSWORD_OPERATOR");
        env.put("WFCHAT_REDIS_AGENT_PASSWORDS", "");
        Scripts.Result result = Scripts.aclUsers(env);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Scripts.users(result.stdout())).containsOnlyKeys("chat-service", "state-broadcaster", "discord-bridge", "default");
        assertThat(Scripts.users(result.stdout()).get("chat-service")).contains("~wfchat:*", "&wfchat:in:*");
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("WFCHAT_REDIS_PASSWORD_CHAT_SERVICE", "", "WFCHAT_REDIS_PASSWORD_CHAT_SERVICE is not set"),
                Arguments.of("WFCHAT_REDIS_PASSWORD_STATE_BROADCASTER", "elevenChars", "shorter than 12 characters"),
                Arguments.of("WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE", "CHANGE_ME-bridge-password", "placeholder"),
                Arguments.of("WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE", "please-ChangeMe-now", "placeholder"),
                Arguments.of("WFCHAT_REDIS_PASSWORD_CHAT_SERVICE", "two words password", "blank or control character"),
                Arguments.of("WFCHAT_REDIS_PASSWORD_OPERATOR", "change-me", "placeholder"),
                Arguments.of("WFCHAT_REDIS_AGENT_PASSWORDS", "Code=" + CODE, "agent name 'Code'"),
                Arguments.of("WFCHAT_REDIS_AGENT_PASSWORDS", "-code=" + CODE, "agent name '-code'"),
                Arguments.of("WFCHAT_REDIS_AGENT_PASSWORDS", "a".repeat(33) + "=" + CODE, "longer than 32"),
                Arguments.of("WFCHAT_REDIS_AGENT_PASSWORDS", "code:1=" + CODE, "agent name 'code:1'"),
                Arguments.of("WFCHAT_REDIS_AGENT_PASSWORDS", "code", "agent 'code' in WFCHAT_REDIS_AGENT_PASSWORDS has no password"),
                Arguments.of("WFCHAT_REDIS_AGENT_PASSWORDS", "code=short", "the password of agent 'code' is shorter than 12"),
                Arguments.of("WFCHAT_REDIS_AGENT_PASSWORDS", "code=" + CODE + ",code=" + QA, "listed twice"),
                Arguments.of("WFCHAT_REDIS_PREFIX", "wf chat*", "WFCHAT_REDIS_PREFIX"),
                Arguments.of("WFCHAT_REDIS_PREFIX", "{wf*}", "WFCHAT_REDIS_PREFIX"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("refusals")
    void refusesWhatRedisShouldNotTrust(String variable, String value, String message) {
        Map<String, String> env = input("acme");
        env.put(variable, value);
        Scripts.Result result = Scripts.aclUsers(env);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains(message);
        // Never half a file: a Redis started on it would let the missing users' clients fail oddly.
        assertThat(result.stdout()).isEmpty();
    }

    /** The ACL file applied as the container applies it (--aclfile), each capability tried as its user. */
    @Test
    void eachUserMayDoExactlyItsPartOnARealRedis(@TempDir Path dir) {
        assumeTrue(Scripts.onPath("redis-server"), "redis-server is not installed");
        Scripts.Result acl = Scripts.aclUsers(input("acme"));
        try (ThrowawayRedis redis = ThrowawayRedis.start(dir, acl.stdout())) {
            try (RespClient nobody = new RespClient(redis.port)) {
                assertThat(nobody.call("PING")).asString().contains("NOAUTH");
            }
            try (RespClient code = RespClient.as(redis.port, "agent-code", CODE)) {
                // Its own way in, and its own channel and stream out.
                assertThat(code.call("XADD", "acme:in:code:stream", "*", "event", "{}")).isInstanceOf(String.class);
                assertThat(code.call("XADD", "acme:state:in:code:stream", "*", "event", "{}")).isInstanceOf(String.class);
                assertThat(code.call("PUBLISH", "acme:in:code", "{}")).isEqualTo(0L);
                assertThat(code.call("PUBLISH", "acme:state:in:code", "{}")).isEqualTo(0L);
                assertThat(code.call("XRANGE", "acme:agent:code:stream", "-", "+")).isEqualTo(List.of());
                assertThat(code.call("XREVRANGE", "acme:agent:code:stream", "+", "-", "COUNT", "1")).isEqualTo(List.of());
                assertThat(code.call("XREAD", "COUNT", "10", "STREAMS", "acme:agent:code:stream", "0")).isNull();
                // Nobody else's, nor the shared ways in, nor read back what it wrote.
                for (String[] refused : new String[][] {
                        {"XADD", "acme:in:stream", "*", "event", "{}"},
                        {"XADD", "acme:state:in:stream", "*", "event", "{}"},
                        {"XADD", "acme:in:qa:stream", "*", "event", "{}"},
                        {"XADD", "acme:bridge:in:stream", "*", "event", "{}"},
                        {"XADD", "acme:agent:code:stream", "*", "event", "{}"},
                        {"PUBLISH", "acme:in", "{}"},
                        {"PUBLISH", "acme:state:in", "{}"},
                        {"PUBLISH", "acme:in:qa", "{}"},
                        {"PUBLISH", "acme:state:commands", "{}"},
                        {"XRANGE", "acme:in:code:stream", "-", "+"},
                        {"XREVRANGE", "acme:agent:qa:stream", "+", "-"},
                        {"XREAD", "STREAMS", "acme:agent:qa:stream", "0"},
                        {"XRANGE", "acme:out:stream", "-", "+"},
                        {"GET", "acme:state:snapshot:default"},
                        {"DEL", "acme:in:code:stream"}}) {
                    assertThat(code.call(refused)).as(String.join(" ", refused)).asString().contains("NOPERM");
                }
            }
            assertThat(subscribe(redis, "agent-code", CODE, "SUBSCRIBE", "acme:agent:code")).isEqualTo("subscribe");
            assertThat(subscribe(redis, "agent-code", CODE, "SUBSCRIBE", "acme:in")).contains("NOPERM");
            assertThat(subscribe(redis, "agent-code", CODE, "SUBSCRIBE", "acme:agent:qa")).contains("NOPERM");
            assertThat(subscribe(redis, "agent-code", CODE, "PSUBSCRIBE", "acme:in:*")).contains("NOPERM");

            // The services: the agents' channels by pattern, as they subscribe to them; no admin command.
            assertThat(subscribe(redis, "chat-service", CHAT, "PSUBSCRIBE", "acme:in:*")).isEqualTo("psubscribe");
            assertThat(subscribe(redis, "chat-service", CHAT, "PSUBSCRIBE", "acme:state:in:*")).isEqualTo("psubscribe");
            assertThat(subscribe(redis, "state-broadcaster", STATE, "PSUBSCRIBE", "acme:state:in:*")).isEqualTo("psubscribe");
            assertThat(subscribe(redis, "state-broadcaster", STATE, "PSUBSCRIBE", "acme:in:*")).contains("NOPERM");
            assertThat(subscribe(redis, "discord-bridge", BRIDGE, "PSUBSCRIBE", "acme:in:*")).contains("NOPERM");
            try (RespClient chat = RespClient.as(redis.port, "chat-service", CHAT)) {
                assertThat(chat.call("XRANGE", "acme:in:code:stream", "-", "+")).asList().hasSize(1);
                assertThat(chat.call("XADD", "acme:agent:code:stream", "*", "event", "{}")).isInstanceOf(String.class);
                assertThat(chat.call("XADD", "other:in:stream", "*", "event", "{}")).asString().contains("NOPERM");
                assertThat(chat.call("FLUSHALL")).asString().contains("NOPERM");
                assertThat(chat.call("CONFIG", "GET", "requirepass")).asString().contains("NOPERM");
            }
            try (RespClient bridge = RespClient.as(redis.port, "discord-bridge", BRIDGE)) {
                assertThat(bridge.call("XADD", "acme:bridge:in:stream", "*", "event", "{}")).isInstanceOf(String.class);
            }
            try (RespClient operator = RespClient.as(redis.port, "operator", OPERATOR)) {
                assertThat(operator.call("ACL", "WHOAMI")).isEqualTo("operator");
                assertThat(operator.call("XLEN", "acme:agent:code:stream")).isEqualTo(1L);
            }
        }
    }

    /** The first word of a (P)SUBSCRIBE's answer, or the error: each on its own connection, left in subscribe mode. */
    /** A Redis Cluster's prefix, {@code {acme}}: braces are literal in ACL and channel patterns, the rights the same. */
    @Test
    void aHashTagPrefixGivesEachUserTheSameRightsOnARealRedis(@TempDir Path dir) {
        assumeTrue(Scripts.onPath("redis-server"), "redis-server is not installed");
        Scripts.Result acl = Scripts.aclUsers(input("{acme}"));
        assertThat(acl.exitCode()).as(acl.stderr()).isZero();
        try (ThrowawayRedis redis = ThrowawayRedis.start(dir, acl.stdout())) {
            try (RespClient code = RespClient.as(redis.port, "agent-code", CODE)) {
                assertThat(code.call("XADD", "{acme}:in:code:stream", "*", "event", "{}")).isInstanceOf(String.class);
                assertThat(code.call("XADD", "{acme}:in:qa:stream", "*", "event", "{}")).asString().contains("NOPERM");
                assertThat(code.call("XADD", "{acme}:in:stream", "*", "event", "{}")).asString().contains("NOPERM");
                assertThat(code.call("XADD", "acme:in:code:stream", "*", "event", "{}")).asString().contains("NOPERM");
            }
            assertThat(subscribe(redis, "agent-code", CODE, "SUBSCRIBE", "{acme}:agent:code")).isEqualTo("subscribe");
            assertThat(subscribe(redis, "agent-code", CODE, "SUBSCRIBE", "{acme}:agent:qa")).contains("NOPERM");
            assertThat(subscribe(redis, "chat-service", CHAT, "PSUBSCRIBE", "{acme}:in:*")).isEqualTo("psubscribe");
            try (RespClient chat = RespClient.as(redis.port, "chat-service", CHAT)) {
                // the step by which the services find agents' streams on a cluster (redis-bus StreamDiscovery)
                assertThat(chat.call("EVAL", "return redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3], 'TYPE', 'stream')",
                        "1", "{acme}:in:", "0", "{acme}:in:*:stream", "1000")).asString().contains("{acme}:in:code:stream");
            }
        }
    }

    private static String subscribe(ThrowawayRedis redis, String user, String password, String command, String channel) {
        try (RespClient client = RespClient.as(redis.port, user, password)) {
            Object answer = client.call(command, channel);
            return answer instanceof List<?> list ? String.valueOf(list.get(0)) : String.valueOf(answer);
        }
    }
}
