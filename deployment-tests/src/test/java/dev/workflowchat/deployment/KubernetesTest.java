package dev.workflowchat.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s/: the base (self-contained install) and the external-datastores overlay, read into fabric8's model,
 * as an operator's checkout has them after deploy/generate-secrets.sh (see {@link Installation}).
 */
class KubernetesTest {

    static final Path BASE = Installation.path("k8s/base");
    static final Path EXTERNAL = Installation.path("k8s/overlays/external-datastores");
    static final Path HA = Installation.path("k8s/overlays/ha");

    static Map<String, ServiceConfig> services;
    static Map<String, Integer> uids;

    @BeforeAll
    static void readServices() {
        services = new LinkedHashMap<>();
        uids = new LinkedHashMap<>();
        for (String s : Repo.SERVICES) {
            services.put(s, ServiceConfig.of(s));
            uids.put(s, Dockerfile.parse(Repo.read(Repo.path(s + "/src/main/docker/Dockerfile.jvm"))).uid());
        }
    }

    static List<String> problems(Manifests manifests) {
        return KubernetesChecks.problems(manifests, services, uids);
    }

    @Test
    void everyK8sFileParsesIntoTheModel() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.path("k8s"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(yaml).hasSizeGreaterThan(10);
            for (Path file : yaml) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    assertThat(Repo.yamlDocument(file).path("kind").asText()).isEqualTo("Kustomization");
                } else {
                    Manifests one = Manifests.of(Repo.read(file), file.toString());
                    assertThat(one.problems).as(file.toString()).isEmpty();
                    assertThat(one.resources).as(file.toString()).isNotEmpty();
                }
            }
        }
    }

    @Test
    void baseIsASoundSelfContainedInstall() {
        Manifests base = Manifests.kustomize(BASE);
        assertThat(problems(base)).isEmpty();
        assertThat(base.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        StatefulSet postgres = base.get(StatefulSet.class, "postgres");
        StatefulSet redis = base.get(StatefulSet.class, "redis");
        assertThat(postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("postgres:16");
        assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("redis:7");
        assertThat(String.join(" ", redis.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())).contains("--appendonly yes");
        assertThat(base.resources).allSatisfy(r -> assertThat(r.object().getMetadata().getNamespace() == null
                ? r.kind() : r.object().getMetadata().getNamespace()).isIn("Namespace", "workflow-chat"));
    }

    @Test
    void externalDatastoresOverlayDropsTheStatefulSetsAndPointsElsewhere() {
        Manifests external = Manifests.kustomize(EXTERNAL);
        assertThat(problems(external)).isEmpty();
        assertThat(external.all(StatefulSet.class)).isEmpty();
        assertThat(external.get(Service.class, "postgres")).isNull();
        assertThat(external.get(Service.class, "redis")).isNull();
        Map<String, String> config = external.get(ConfigMap.class, "wfchat-config").getData();
        assertThat(config.get("database-reactive-url")).startsWith("postgresql://").doesNotContain("//postgres:");
        assertThat(config.get("database-jdbc-url")).startsWith("jdbc:postgresql://").doesNotContain("//postgres:");
        Map<String, String> secrets = external.get(Secret.class, "wfchat-secrets").getStringData();
        Map<String, String> base = Manifests.kustomize(BASE).get(Secret.class, "wfchat-secrets").getStringData();
        // Every base secret that names the in-cluster datastores is replaced by the overlay's secrets.env...
        base.forEach((key, value) -> {
            if (value.matches(".*@(redis|postgres):\\d+.*")) {
                assertThat(secrets.get(key)).as(key).isNotEqualTo(value).doesNotContain("@redis:", "@postgres:");
            }
        });
        // ...and the rest (admin, bridge, Discord) stays as generated.
        assertThat(secrets.get("admin-password")).isEqualTo(base.get("admin-password"));
        assertThat(external.all(NetworkPolicy.class)).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("default-deny-ingress", "chat-service", "management");
    }

    @Test
    void withoutGeneratedSecretsKustomizeStops(@TempDir Path dir) {
        // A fresh checkout: no secrets.env, so nothing deploys with a stand-in password.
        Installation.copyDeploymentFiles(dir);
        assertThat(Manifests.kustomize(dir.resolve("k8s/base")).problems)
                .anyMatch(p -> p.contains("secretGenerator wfchat-secrets: secrets.env does not exist") && p.contains("deploy/generate-secrets.sh"));
    }

    @Test
    void nothingSecretIsCommittedInK8s() throws IOException {
        // Secrets come only from git-ignored files through secretGenerator: no Secret object, no literal,
        // no placeholder in any committed file (the scripts that refuse placeholders name them, so are left out).
        try (Stream<Path> files = Files.walk(Repo.path("k8s"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.equals("secrets.env") || name.endsWith(".sh")) {
                    continue;
                }
                String text = Repo.read(file);
                assertThat(text.lines()).as(file.toString()).noneMatch(l -> KubernetesChecks.PLACEHOLDER.matcher(l).matches());
                if (name.endsWith(".yaml")) {
                    for (var document : Repo.yamlDocuments(text)) {
                        assertThat(document.path("kind").asText()).as(file.toString()).isNotEqualTo("Secret");
                        document.path("secretGenerator").forEach(g -> assertThat(g.has("literals")).as(file.toString()).isFalse());
                    }
                }
                if (name.endsWith(".env.example")) {
                    assertThat(Scripts.envFile(text).values()).as(file.toString()).allMatch(String::isEmpty);
                }
            }
        }
    }

    // The checks themselves, each on the real base with one fault put in.

    private static List<String> broken(Consumer<Manifests> fault) {
        Manifests base = Manifests.kustomize(BASE);
        fault.accept(base);
        return problems(base);
    }

    private static Container container(Manifests m, String deployment) {
        return m.get(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void aMisspeltEnvNameIsCaught() {
        assertThat(broken(m -> container(m, "chat-service").getEnv().stream().filter(e -> e.getName().equals("WFCHAT_REDIS_PREFIX"))
                .forEach(e -> e.setName("WFCHAT_REDIS_PREFX"))))
                .singleElement().asString().contains("Deployment/chat-service", "WFCHAT_REDIS_PREFX", "nearest: WFCHAT_REDIS_PREFIX");
        assertThat(broken(m -> container(m, "state-broadcaster").getEnv().add(new EnvVar("DISCORD_TOKEN", "x", null))))
                .anyMatch(p -> p.contains("Deployment/state-broadcaster") && p.contains("DISCORD_TOKEN"));
    }

    @Test
    void probesAndPortsMustMatchTheService() {
        assertThat(broken(m -> container(m, "chat-service").getReadinessProbe().getHttpGet().setPath("/q/health/redy")))
                .anyMatch(p -> p.contains("readinessProbe"));
        assertThat(broken(m -> container(m, "state-broadcaster").getLivenessProbe().getHttpGet().setPort(new IntOrString(8080))))
                .anyMatch(p -> p.contains("livenessProbe port 8080"));
        assertThat(broken(m -> container(m, "chat-service").getStartupProbe().getHttpGet().setPort(new IntOrString("http"))))
                .anyMatch(p -> p.contains("startupProbe port http is not the service's management port 9000"));
        assertThat(broken(m -> container(m, "discord-bridge").getPorts().get(0).setContainerPort(8080)))
                .anyMatch(p -> p.contains("container ports {http=8080, management=9002}"));
        assertThat(broken(m -> container(m, "state-broadcaster").getPorts().remove(1)))
                .anyMatch(p -> p.contains("not the service's http 8081 and management 9001"));
        assertThat(broken(m -> container(m, "chat-service").setReadinessProbe(null))).anyMatch(p -> p.contains("no readinessProbe"));
    }

    @Test
    void theIngressNeverRoutesAManagementPort() {
        assertThat(broken(m -> m.get(Ingress.class, "chat").getSpec().getRules().get(0).getHttp().getPaths().get(0)
                .getBackend().getService().getPort().setName("management")))
                .anyMatch(p -> p.contains("Ingress/chat: routes Service chat-service port management, a management port"));
        // Also when the Service calls it something else.
        assertThat(broken(m -> m.get(Service.class, "chat-service").getSpec().getPorts().get(0).setTargetPort(new IntOrString(9000))))
                .anyMatch(p -> p.contains("a management port"));
    }

    @Test
    void eachServiceReachesRedisAsItsOwnUserOfTheOneScript() {
        assertThat(broken(m -> container(m, "state-broadcaster").getEnv().stream().filter(e -> e.getName().equals("QUARKUS_REDIS_HOSTS"))
                .forEach(e -> e.getValueFrom().getSecretKeyRef().setKey("redis-hosts-chat-service"))))
                .anyMatch(p -> p.contains("Deployment/state-broadcaster: QUARKUS_REDIS_HOSTS does not come from its own Secret key"))
                .anyMatch(p -> p.contains("Deployment/state-broadcaster: its Redis URL does not log in as its own ACL user"));
        assertThat(broken(m -> m.get(Secret.class, "wfchat-secrets").getStringData().put("redis-hosts-discord-bridge", "redis://redis:6379")))
                .anyMatch(p -> p.contains("Deployment/discord-bridge: its Redis URL does not log in"));
        // Empty is no better: Quarkus would fall back to its own default, a Redis without a login.
        assertThat(broken(m -> m.get(Secret.class, "wfchat-secrets").getStringData().put("redis-hosts-chat-service", "")))
                .anyMatch(p -> p.contains("Deployment/chat-service: its Redis URL does not log in"));
        assertThat(broken(m -> m.get(Secret.class, "wfchat-secrets").getStringData().put("redis-password-chat-service", "anotherPassword12")))
                .anyMatch(p -> p.contains("WFCHAT_REDIS_PASSWORD_CHAT_SERVICE is not the password in chat-service's Redis URL"));
        assertThat(broken(m -> redisContainer(m).setArgs(List.of("redis-server", "--appendonly", "yes"))))
                .anyMatch(p -> p.contains("StatefulSet/redis: does not write its ACL file"));
        assertThat(broken(m -> m.get(ConfigMap.class, "redis-acl").getData().put("acl-users.sh", "echo 'user default on nopass ~* +@all'")))
                .anyMatch(p -> p.contains("is not mounted from a ConfigMap holding k8s/base/redis/acl-users.sh"));
        assertThat(broken(m -> redisContainer(m).getReadinessProbe().getExec().setCommand(List.of("redis-cli", "ping"))))
                .anyMatch(p -> p.contains("a probe does not log in"));
    }

    @Test
    void theChatServiceUsesItsOwnDatabaseRoleAndNoPlaceholderIsAccepted() {
        assertThat(broken(m -> m.get(Secret.class, "wfchat-secrets").getStringData().put("database-username", "postgres")))
                .anyMatch(p -> p.contains("logs in to PostgreSQL as postgres, not as its own role chat_service"));
        assertThat(broken(m -> m.get(StatefulSet.class, "postgres").getSpec().getTemplate().getSpec().getVolumes().clear()))
                .anyMatch(p -> p.contains("/docker-entrypoint-initdb.d is not a ConfigMap holding k8s/base/postgres/init-roles.sh"));
        assertThat(broken(m -> m.get(Secret.class, "wfchat-secrets").getStringData().put("admin-password", "CHANGE_ME")))
                .anyMatch(p -> p.contains("admin-password: a placeholder"));
        assertThat(broken(m -> m.get(Secret.class, "wfchat-secrets").getStringData().put("postgres-password", "short")))
                .anyMatch(p -> p.contains("postgres-password: shorter than 12"));
        assertThat(broken(m -> m.get(Secret.class, "wfchat-secrets").getStringData().put("database-password-state-broadcaster", "")))
                .anyMatch(p -> p.contains("database-password-state-broadcaster: shorter than 12"));
    }

    @Test
    void theStateBroadcasterUsesItsOwnDatabaseRoleFromItsOwnSecretKeys() {
        Manifests base = Manifests.kustomize(BASE);
        Map<String, String> secrets = base.get(Secret.class, "wfchat-secrets").getStringData();
        assertThat(secrets).containsEntry("database-username-state-broadcaster", Scripts.stateBroadcasterRole());
        assertThat(secrets.get("database-password-state-broadcaster")).matches("[A-Za-z0-9]{32}")
                .isNotEqualTo(secrets.get("database-password")).isNotEqualTo(secrets.get("postgres-password"));
        Map<String, String> env = new LinkedHashMap<>();
        container(base, "state-broadcaster").getEnv().forEach(e -> env.put(e.getName(), e.getValueFrom() == null ? e.getValue()
                : e.getValueFrom().getSecretKeyRef() != null ? "secret:" + e.getValueFrom().getSecretKeyRef().getKey()
                : "config:" + e.getValueFrom().getConfigMapKeyRef().getKey()));
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_USERNAME", "secret:database-username-state-broadcaster")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "secret:database-password-state-broadcaster")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "config:database-reactive-url")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "config:database-jdbc-url");
        assertThat(container(base, "discord-bridge").getEnv()).noneMatch(e -> e.getName().startsWith("QUARKUS_DATASOURCE"));

        assertThat(broken(m -> m.get(Secret.class, "wfchat-secrets").getStringData().put("database-username-state-broadcaster", "chat_service")))
                .anyMatch(p -> p.contains("Deployment/state-broadcaster: logs in to PostgreSQL as chat_service, not as its own role state_broadcaster"));
        assertThat(broken(m -> container(m, "state-broadcaster").getEnv().stream().filter(e -> e.getName().equals("QUARKUS_DATASOURCE_PASSWORD"))
                .forEach(e -> e.getValueFrom().getSecretKeyRef().setKey("database-password"))))
                .anyMatch(p -> p.contains("Deployment/state-broadcaster: QUARKUS_DATASOURCE_PASSWORD does not come from its own Secret key "
                        + "database-password-state-broadcaster"))
                .anyMatch(p -> p.contains("WFCHAT_DB_PASSWORD_STATE_BROADCASTER is not the state-broadcaster's QUARKUS_DATASOURCE_PASSWORD"));
        assertThat(broken(m -> m.get(StatefulSet.class, "postgres").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .removeIf(e -> e.getName().equals("WFCHAT_DB_PASSWORD_STATE_BROADCASTER"))))
                .anyMatch(p -> p.contains("WFCHAT_DB_PASSWORD_STATE_BROADCASTER is not the state-broadcaster's"));
    }

    private static Container redisContainer(Manifests m) {
        return m.get(StatefulSet.class, "redis").getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void labelsSelectorsAndBackendsMustLineUp() {
        assertThat(broken(m -> m.get(Deployment.class, "chat-service").getSpec().getSelector().getMatchLabels()
                .put("app.kubernetes.io/name", "chat"))).anyMatch(p -> p.contains("does not match its template's labels"));
        assertThat(broken(m -> m.get(Service.class, "state-broadcaster").getSpec().getSelector()
                .put("app.kubernetes.io/name", "state"))).anyMatch(p -> p.contains("Service/state-broadcaster: selector"));
        assertThat(broken(m -> m.get(Service.class, "chat-service").getSpec().getPorts().get(0).setTargetPort(new IntOrString("web"))))
                .anyMatch(p -> p.contains("targetPort web"));
        assertThat(broken(m -> m.get(Ingress.class, "chat").getSpec().getRules().get(0).getHttp().getPaths().get(0)
                .getBackend().getService().setName("chat"))).anyMatch(p -> p.contains("backend chat is not a Service"));
        assertThat(broken(m -> m.get(Ingress.class, "chat").getSpec().getRules().get(0).getHttp().getPaths().get(0)
                .getBackend().getService().getPort().setName("https"))).anyMatch(p -> p.contains("is not a port of Service"));
        assertThat(broken(m -> m.get(Ingress.class, "chat").getMetadata().getAnnotations()
                .remove("nginx.ingress.kubernetes.io/proxy-read-timeout"))).anyMatch(p -> p.contains("proxy-read-timeout"));
        assertThat(broken(m -> m.get(StatefulSet.class, "redis").getSpec().setServiceName("cache")))
                .anyMatch(p -> p.contains("not a headless Service"));
    }

    @Test
    void imagesUsersReferencesAndReplicasAreChecked() {
        assertThat(broken(m -> container(m, "chat-service").setImage("workflow-chat/chat:1"))).anyMatch(p -> p.contains("not the one compose builds"));
        assertThat(broken(m -> m.get(Deployment.class, "chat-service").getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(null)))
                .anyMatch(p -> p.contains("may run as root"));
        assertThat(broken(m -> m.get(Deployment.class, "chat-service").getSpec().getTemplate().getSpec().getSecurityContext().setRunAsUser(185L)))
                .anyMatch(p -> p.contains("is not the image's USER 10001"));
        assertThat(broken(m -> m.get(Secret.class, "wfchat-secrets").getStringData().remove("redis-hosts-chat-service")))
                .anyMatch(p -> p.contains("reads Secret wfchat-secrets key redis-hosts-chat-service"));
        assertThat(broken(m -> m.get(ConfigMap.class, "wfchat-config").getData().put("chat-url", "http://chat:8080")))
                .anyMatch(p -> p.contains("names Service chat"));
        assertThat(broken(m -> m.get(Deployment.class, "discord-bridge").getSpec().setReplicas(1)))
                .anyMatch(p -> p.contains("discord-bridge: must run a hot standby"));
        assertThat(broken(m -> m.get(Deployment.class, "state-broadcaster").getSpec().setReplicas(1)))
                .anyMatch(p -> p.contains("state-broadcaster: must run a hot standby"));
        assertThat(broken(m -> m.get(Deployment.class, "state-broadcaster").getSpec().getStrategy().setType("Recreate")))
                .anyMatch(p -> p.contains("state-broadcaster: must run a hot standby"));
        assertThat(broken(m -> m.get(Deployment.class, "chat-service").getSpec().setReplicas(3)))
                .anyMatch(p -> p.contains("HorizontalPodAutoscaler owns the count"));
        assertThat(broken(m -> container(m, "chat-service").getResources().getLimits().remove("memory")))
                .anyMatch(p -> p.contains("lacks cpu/memory requests or a memory limit"));
    }

    @Test
    void theHaOverlaySpreadsEveryServiceOverNodesAndFindsRedisThroughSentinel() {
        Manifests ha = Manifests.kustomize(HA);
        assertThat(problems(ha)).isEmpty();
        assertThat(ConnectionBudget.problems(ha)).isEmpty();
        assertThat(ha.all(StatefulSet.class)).isEmpty();
        HorizontalPodAutoscaler hpa = ha.all(HorizontalPodAutoscaler.class).get(0);
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(ha.all(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class).get(0).getSpec()
                .getMinAvailable().getIntVal()).isEqualTo(2);
        for (String service : List.of("chat-service", "state-broadcaster", "discord-bridge")) {
            Deployment deployment = ha.get(Deployment.class, service);
            assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .as(service + " spread over nodes")
                    .anyMatch(c -> "kubernetes.io/hostname".equals(c.getTopologyKey())
                            && "DoNotSchedule".equals(c.getWhenUnsatisfiable())
                            && service.equals(c.getLabelSelector().getMatchLabels().get("app.kubernetes.io/name")));
            Map<String, String> env = new HashMap<>();
            container(ha, service).getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
            assertThat(env).as(service).containsEntry("QUARKUS_REDIS_CLIENT_TYPE", "sentinel")
                    .containsKey("QUARKUS_REDIS_MASTER_NAME")
                    // the patch adds to the container's environment, it does not replace it
                    .containsKey("QUARKUS_REDIS_HOSTS");
        }
        for (String leader : List.of("state-broadcaster", "discord-bridge")) {
            assertThat(ha.get(Deployment.class, leader).getSpec().getReplicas()).as(leader).isEqualTo(2);
        }
    }

    @Test
    void theDatabaseConnectionsFitWithTheChatServiceAtItsAutoscalersMaximum() {
        assertThat(ConnectionBudget.problems(Manifests.kustomize(BASE))).isEmpty();
        assertThat(ConnectionBudget.problems(Manifests.kustomize(EXTERNAL))).isEmpty();
        assertThat(broken(m -> m.all(io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class)
                .forEach(h -> h.getSpec().setMaxReplicas(10))))
                .anyMatch(p -> p.contains("PostgreSQL connections: 10 chat-service replicas"));
        // a surge of the state-broadcaster's rolling update is a third pool
        assertThat(broken(m -> m.get(Deployment.class, "state-broadcaster").getSpec().getStrategy().getRollingUpdate()
                .setMaxSurge(new IntOrString(1)))).anyMatch(p -> p.contains("3 state-broadcaster"));
        assertThat(broken(m -> container(m, "chat-service").getEnv()
                .removeIf(e -> e.getName().equals("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE"))))
                .anyMatch(p -> p.contains("over the 97 max_connections leave"));
    }

    @Test
    void unknownFieldsAndMissingFilesAreCaught(@TempDir Path dir) throws IOException {
        String typo = Repo.read(BASE.resolve("state-broadcaster.yaml")).replace("readinessProbe:", "readinesProbe:");
        assertThat(Manifests.of(typo, "typo").problems).anyMatch(p -> p.contains("unknown field(s) [readinesProbe]"));
        assertThat(Manifests.of("apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: x}\n", "old").problems)
                .anyMatch(p -> p.contains("unexpected apiVersion/kind autoscaling/v1/HorizontalPodAutoscaler"));

        Path base = dir.resolve("base");
        Files.createDirectories(base);
        Files.writeString(base.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [missing.yaml]
                patches:
                  - path: absent-patch.yaml
                """);
        assertThat(Manifests.kustomize(base).problems)
                .anyMatch(p -> p.contains("resource missing.yaml does not exist"))
                .anyMatch(p -> p.contains("absent-patch.yaml"));
    }

    @Test
    void aPatchOfSomethingAbsentIsCaught(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [%s]
                patches:
                  - path: delete.yaml
                """.formatted(BASE.toAbsolutePath()));
        Files.writeString(dir.resolve("delete.yaml"), "$patch: delete\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: mongo\n");
        assertThat(Manifests.kustomize(dir).problems).anyMatch(p -> p.contains("patches StatefulSet/mongo, which the resources do not have"));
    }
}
