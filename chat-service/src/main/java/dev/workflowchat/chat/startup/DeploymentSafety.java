package dev.workflowchat.chat.startup;

import dev.workflowchat.bus.LocalRun;
import dev.workflowchat.chat.config.ChatConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a deployment with a password anyone could guess: a placeholder from a
 * template ({@code CHANGE_ME}), an empty one, or one under 12 characters, for the first admin, the
 * database or Redis. A local run (./run.sh, the tests, see {@link LocalRun}) may use anything.
 * Runs before any other start-up work, so no admin is ever made with such a password.
 */
@ApplicationScoped
public class DeploymentSafety {

    static final int MIN_SECRET_CHARS = 12;
    /** What templates put where a password goes (compared without case, spaces and punctuation). */
    private static final List<String> PLACEHOLDERS = List.of("changeme", "changeit", "placeholder", "example");

    private final ChatConfig config;
    private final Optional<String> databasePassword;
    private final String databaseUrl;
    private final String redisHosts;

    public DeploymentSafety(ChatConfig config,
                            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> databasePassword,
                            @ConfigProperty(name = "quarkus.datasource.reactive.url") String databaseUrl,
                            @ConfigProperty(name = "quarkus.redis.hosts") String redisHosts) {
        this.config = config;
        this.databasePassword = databasePassword;
        this.databaseUrl = databaseUrl;
        this.redisHosts = redisHosts;
    }

    void check(@Observes @Priority(1) StartupEvent event) {
        if (LocalRun.decide(config.localRun(), List.of(databaseUrl, redisHosts))) {
            return;
        }
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            String message = "refusing to start outside a local run: " + String.join("; ", problems)
                    + ". deploy/generate-secrets.sh makes strong ones (WFCHAT_LOCAL_RUN=true skips this check on a "
                    + "machine of your own)";
            Log.error(message);
            throw new IllegalStateException(message);
        }
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        config.admin().password().filter(password -> !password.isBlank()).filter(DeploymentSafety::isWeak)
                .ifPresent(weak -> problems.add("WFCHAT_ADMIN_PASSWORD is a placeholder or shorter than "
                        + MIN_SECRET_CHARS + " characters (leave it unset to have one generated)"));
        if (isWeak(databasePassword.orElse(""))) {
            problems.add("QUARKUS_DATASOURCE_PASSWORD is empty, a placeholder or shorter than " + MIN_SECRET_CHARS
                    + " characters");
        }
        redisPassword().filter(DeploymentSafety::isWeak).ifPresent(weak -> problems.add(
                "the password in QUARKUS_REDIS_HOSTS is a placeholder or shorter than " + MIN_SECRET_CHARS + " characters"));
        return problems;
    }

    /** Empty, short, or a template's placeholder (CHANGE_ME, change-me-admin-password, …). */
    static boolean isWeak(String secret) {
        if (secret == null || secret.strip().length() < MIN_SECRET_CHARS) {
            return true;
        }
        String plain = secret.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return PLACEHOLDERS.stream().anyMatch(plain::contains);
    }

    private Optional<String> redisPassword() {
        try {
            String userInfo = URI.create(redisHosts.split(",")[0].strip()).getUserInfo();
            if (userInfo == null) {
                return Optional.empty();
            }
            int colon = userInfo.indexOf(':');
            return Optional.of(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
