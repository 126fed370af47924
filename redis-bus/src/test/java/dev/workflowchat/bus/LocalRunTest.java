package dev.workflowchat.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalRunTest {

    @Test
    void aRunIsLocalWhenEveryDatastoreIsOnThisMachine() {
        assertThat(LocalRun.decide(Optional.empty(), List.of("redis://127.0.0.1:6379",
                "postgresql://localhost:5432/wfchat", "jdbc:postgresql://[::1]:5432/wfchat"))).isTrue();
        assertThat(LocalRun.decide(Optional.empty(), List.of("redis://127.0.0.1:6379", "postgresql://postgres:5432/wfchat")))
                .isFalse();
        assertThat(LocalRun.decide(Optional.empty(), List.of("redis://chat-service:secret@redis:6379"))).isFalse();
    }

    @Test
    void whatIsSaidOverridesWhatTheHostsSuggest() {
        assertThat(LocalRun.decide(Optional.of(false), List.of("redis://127.0.0.1:6379"))).isFalse();
        assertThat(LocalRun.decide(Optional.of(true), List.of("redis://redis:6379"))).isTrue();
    }

    @Test
    void anUnreadableAddressIsNotLocal() {
        assertThat(LocalRun.decide(Optional.empty(), List.of("not a uri at all"))).isFalse();
        assertThat(LocalRun.decide(Optional.empty(), List.of(""))).isFalse();
    }

    @Test
    void theAnonymousProbeKeepsOnlySchemeHostAndPort() {
        assertThat(RedisExposure.withoutCredentials("redis://chat-service:secret@redis:6380/2")).isEqualTo("redis://redis:6380");
        assertThat(RedisExposure.withoutCredentials("rediss://user:pw@cache.example:6379")).isEqualTo("rediss://cache.example:6379");
        assertThat(RedisExposure.withoutCredentials("redis://redis")).isEqualTo("redis://redis:6379");
        assertThat(RedisExposure.withoutCredentials("nonsense")).isNull();
    }
}
