package dev.workflowchat.bridge.health;

import dev.workflowchat.bridge.DiscordBridge;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Discord gateway is connected, when a token is configured; an idle bridge is ready. */
@Readiness
@ApplicationScoped
public class DiscordGatewayHealthCheck implements HealthCheck {

    private final DiscordBridge bridge;

    public DiscordGatewayHealthCheck(DiscordBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public HealthCheckResponse call() {
        if (!bridge.active()) {
            return HealthCheckResponse.named("Discord gateway").up().withData("mode", "idle (no DISCORD_TOKEN)").build();
        }
        if (bridge.tokenRefused()) {
            return HealthCheckResponse.named("Discord gateway").down().withData("reason", "Discord refused DISCORD_TOKEN").build();
        }
        return HealthCheckResponse.named("Discord gateway").status(bridge.connected()).build();
    }
}
