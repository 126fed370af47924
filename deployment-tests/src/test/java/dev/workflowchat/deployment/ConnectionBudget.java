package dev.workflowchat.deployment;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL connections every process may hold at once, with the chat-service at its
 * autoscaler's maximum, against {@code max_connections} (docs/scaling.md): over it, the database
 * refuses connections exactly when the service scales out under load.
 */
final class ConnectionBudget {

    /** PostgreSQL's default, and what an install without our StatefulSet is taken to have. */
    static final int DEFAULT_MAX_CONNECTIONS = 100;
    /** {@code superuser_reserved_connections}' default: not for the services. */
    static final int SUPERUSER_RESERVED = 3;
    /** Left for people and jobs: psql, backups, a migration run by hand. */
    static final int HEADROOM = 10;
    private static final Pattern MAX_CONNECTIONS = Pattern.compile("max_connections=(\\d+)");

    private ConnectionBudget() {
    }

    static List<String> problems(Manifests m) {
        Deployment chat = m.get(Deployment.class, "chat-service");
        Deployment state = m.get(Deployment.class, "state-broadcaster");
        if (chat == null || state == null) {
            return List.of();
        }
        int chatReplicas = m.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> "chat-service".equals(h.getSpec().getScaleTargetRef().getName()))
                .map(h -> h.getSpec().getMaxReplicas()).findFirst()
                .orElse(Objects.requireNonNullElse(chat.getSpec().getReplicas(), 1));
        // during a rolling update, its surge too
        int stateReplicas = Objects.requireNonNullElse(state.getSpec().getReplicas(), 1) + surge(state);
        int perChat = pool(chat, "chat-service");
        int perState = pool(state, "state-broadcaster");
        int needed = chatReplicas * perChat + stateReplicas * perState + HEADROOM;
        int available = maxConnections(m) - SUPERUSER_RESERVED;
        if (needed > available) {
            return List.of(String.format("PostgreSQL connections: %d chat-service replicas × %d + %d state-broadcaster × %d"
                    + " + %d headroom = %d, over the %d max_connections leave (set QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE"
                    + " lower or max_connections higher; docs/scaling.md)", chatReplicas, perChat, stateReplicas, perState,
                    HEADROOM, needed, available));
        }
        return List.of();
    }

    /** The pods a rolling update may add over the count (Kubernetes' default: 25 %, rounded up). */
    private static int surge(Deployment deployment) {
        var strategy = deployment.getSpec().getStrategy();
        if (strategy == null || !"RollingUpdate".equals(strategy.getType())) {
            return 0;
        }
        var surge = strategy.getRollingUpdate() == null ? null : strategy.getRollingUpdate().getMaxSurge();
        int replicas = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
        if (surge == null) {
            return (int) Math.ceil(replicas * 0.25);
        }
        return surge.getStrVal() != null
                ? (int) Math.ceil(replicas * Integer.parseInt(surge.getStrVal().replace("%", "")) / 100.0)
                : surge.getIntVal();
    }

    /** The reactive pool plus the JDBC one (Flyway's), each from the container's environment or the service's default. */
    private static int pool(Deployment deployment, String module) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Properties defaults = ServiceConfig.loadProperties(Repo.path(module + "/src/main/resources/application.properties"));
        return size(container, defaults, "quarkus.datasource.reactive.max-size") + size(container, defaults, "quarkus.datasource.jdbc.max-size");
    }

    private static int size(Container container, Properties defaults, String property) {
        String variable = ServiceConfig.envName(property);
        String value = container.getEnv() == null ? null : container.getEnv().stream()
                .filter(e -> variable.equals(e.getName())).map(EnvVar::getValue).filter(Objects::nonNull).findFirst()
                .orElse(null);
        return Integer.parseInt(value != null ? value : defaults.getProperty(property, "0").trim());
    }

    private static int maxConnections(Manifests m) {
        StatefulSet postgres = m.get(StatefulSet.class, "postgres");
        if (postgres == null) {
            return DEFAULT_MAX_CONNECTIONS;
        }
        Container container = postgres.getSpec().getTemplate().getSpec().getContainers().get(0);
        String command = String.join(" ", Objects.requireNonNullElse(container.getArgs(), List.of()));
        Matcher setting = MAX_CONNECTIONS.matcher(command);
        return setting.find() ? Integer.parseInt(setting.group(1)) : DEFAULT_MAX_CONNECTIONS;
    }
}
