package dev.workflowchat.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker behind every "is this env name a key the service reads" test, on good and bad examples. */
class ServiceConfigTest {

    private static final String MAPPING = """
            package x;

            import io.smallrye.config.ConfigMapping;
            import io.smallrye.config.WithDefault;
            import io.smallrye.config.WithName;
            import java.util.Map;
            import java.util.Optional;

            /** Settings; a comment with interface Fake { String nope(); } in it. */
            @ConfigMapping(prefix = "acme")
            public interface AcmeConfig {

                Redis redis();

                // String commentedOut();
                @WithDefault("http://localhost:8080; not a separator")
                String chatUrl();

                Optional<java.util.List<String>> allowedOrigins();

                @WithName("legacy-name")
                Optional<String> renamed();

                Map<String, Channel> channels();

                Mode mode();

                default String computed() {
                    return "x";
                }

                interface Redis {
                    @WithDefault("acme")
                    String prefix();

                    java.time.Duration claimIdle();
                }

                interface Channel {
                    long discordId();
                }

                enum Mode { A, B }
            }
            """;

    @Test
    void mappingSourceGivesEveryKeyAndNothingElse() {
        assertThat(ConfigMappingSource.propertyNames(MAPPING)).containsExactlyInAnyOrder(
                "acme.redis.prefix", "acme.redis.claim-idle", "acme.chat-url", "acme.allowed-origins",
                "acme.legacy-name", "acme.channels.*.discord-id", "acme.mode");
    }

    @Test
    void mappingSourceRefusesWhatItCannotRead() {
        assertThatThrownBy(() -> ConfigMappingSource.propertyNames(MAPPING.replace("Mode mode();", "Widget widget();")))
                .hasMessageContaining("Widget");
        assertThatThrownBy(() -> ConfigMappingSource.propertyNames(
                MAPPING.replace("@ConfigMapping(prefix = \"acme\")", "@ConfigMapping(prefix = \"acme\", namingStrategy = VERBATIM)")))
                .hasMessageContaining("naming strategy");
    }

    @Test
    void kebabCaseAsSmallRye() {
        assertThat(ConfigMappingSource.kebab("expiryCheckEvery")).isEqualTo("expiry-check-every");
        assertThat(ConfigMappingSource.kebab("prefix")).isEqualTo("prefix");
        assertThat(ConfigMappingSource.kebab("apiBaseURL")).isEqualTo("api-base-url");
    }

    @Test
    void envNamesFollowSmallRyeRules() {
        ServiceConfig config = new ServiceConfig("acme", ConfigMappingSource.propertyNames(MAPPING), Set.of("JAVA_OPTS"), 8080, 9000);
        assertThat(config.reads("ACME_REDIS_PREFIX")).isTrue();
        assertThat(config.reads("ACME_ALLOWED_ORIGINS")).isTrue();
        assertThat(config.reads("ACME_CHANNELS_GENERAL_DISCORD_ID")).isTrue();
        assertThat(config.reads("JAVA_OPTS")).isTrue();
        assertThat(config.reads("ACME_REDIS_PREFX")).isFalse();
        assertThat(config.reads("ACME_REDIS")).isFalse();
        assertThat(config.reads("acme_redis_prefix")).isFalse();
        assertThat(config.reads("ACME_CHANNELS_DISCORD_ID_EXTRA")).isFalse();
        assertThat(ServiceConfig.envName("quarkus.log.category.\"net.dv8tion\".level"))
                .isEqualTo("QUARKUS_LOG_CATEGORY__NET_DV8TION__LEVEL");
    }

    @Test
    void eachServiceServesItsManagementInterfaceOnItsOwnPort() {
        assertThat(Repo.SERVICES.stream().map(s -> ServiceConfig.of(s).managementPort)).containsExactly(9000, 9001, 9002);
        assertThat(Repo.SERVICES).allSatisfy(s -> assertThat(ServiceConfig.of(s).managementPort).isNotEqualTo(ServiceConfig.of(s).httpPort));
        assertThat(ServiceConfig.of("chat-service").reads("QUARKUS_MANAGEMENT_PORT")).isTrue();
    }

    @Test
    void realServicesReadTheirDocumentedVariables() {
        ServiceConfig chat = ServiceConfig.of("chat-service");
        assertThat(chat.unknownVariables(List.of("QUARKUS_HTTP_PORT", "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS", "WFCHAT_REDIS_PREFIX",
                "WFCHAT_ADMIN_USERNAME", "WFCHAT_ADMIN_PASSWORD", "WFCHAT_ALLOWED_ORIGINS", "WFCHAT_SESSION_TTL",
                "WFCHAT_REDIS_CONSUMER_NAME", "WFCHAT_BRIDGE_USERNAME", "JAVA_OPTS", "QUARKUS_LOG_LEVEL",
                "QUARKUS_LOG_CATEGORY__DEV_WORKFLOWCHAT__LEVEL"), "doc")).isEmpty();
        ServiceConfig state = ServiceConfig.of("state-broadcaster");
        assertThat(state.unknownVariables(List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS", "WFCHAT_REDIS_PREFIX",
                "WFCHAT_DEFAULT_PROJECT"), "doc")).isEmpty();
        ServiceConfig bridge = ServiceConfig.of("discord-bridge");
        assertThat(bridge.unknownVariables(List.of("QUARKUS_REDIS_HOSTS", "WFCHAT_REDIS_PREFIX", "DISCORD_TOKEN", "DISCORD_GUILD_ID",
                "DISCORD_API_BASE_URL", "DISCORD_GATEWAY_URL", "WFCHAT_DISCORD_CHANNELS", "WFCHAT_DISCORD_USERS",
                "WFCHAT_DISCORD_BACKFILL_LIMIT", "WFCHAT_DISCORD_WEBHOOK_NAME", "WFCHAT_CHAT_URL", "WFCHAT_CHAT_PUBLIC_URL",
                "WFCHAT_BRIDGE_USERNAME", "WFCHAT_BRIDGE_PASSWORD"), "doc")).isEmpty();
    }

    @Test
    void typosAndOtherServicesKeysAreCaught() {
        ServiceConfig chat = ServiceConfig.of("chat-service");
        assertThat(chat.unknownVariables(List.of("WFCHAT_REDIS_PREFX"), "compose"))
                .singleElement().asString().contains("WFCHAT_REDIS_PREFX", "chat-service", "nearest: WFCHAT_REDIS_PREFIX");
        // The bridge's settings are not the chat-service's, nor a database the bridge's.
        assertThat(chat.reads("DISCORD_TOKEN")).isFalse();
        assertThat(chat.reads("WFCHAT_CHAT_URL")).isFalse();
        assertThat(ServiceConfig.of("discord-bridge").reads("QUARKUS_DATASOURCE_PASSWORD")).isFalse();
        assertThat(ServiceConfig.of("discord-bridge").reads("WFCHAT_ADMIN_PASSWORD")).isFalse();
    }

    @Test
    void theParserSeesEveryWfchatKeyTheServicesSet() {
        // Each wfchat.* key in a service's application.properties (any profile) is declared by its
        // @ConfigMapping: if the source parser missed a group or a name, this shows it.
        for (String service : Repo.SERVICES) {
            var properties = ServiceConfig.propertyNames(
                    ServiceConfig.loadProperties(Repo.path(service + "/src/main/resources/application.properties")));
            var mapped = ServiceConfig.mappingProperties(Repo.path(service + "/src/main/java"));
            assertThat(mapped).as(service).isNotEmpty();
            assertThat(mapped).as(service).containsAll(properties.stream().filter(k -> k.startsWith("wfchat.")).toList());
        }
    }
}
