package dev.workflowchat.bridge.health;

import dev.workflowchat.bridge.DiscordBridge;
import dev.workflowchat.bridge.relay.ChannelHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Discord gateway is connected, when a token is configured; an idle bridge is ready.
 * Each channel Discord refuses messages of is named in the data, with the reason.
 */
@Readiness
@ApplicationScoped
public class DiscordGatewayHealthCheck implements HealthCheck {

    private final DiscordBridge bridge;

    private final ChannelHealth health;

    public DiscordGatewayHealthCheck(DiscordBridge bridge, ChannelHealth health) {
        this.bridge = bridge;
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        if (bridge.standingBy()) {
            // ready to take over: nothing routes traffic to a bridge, so a standby is as ready as it can be
            return HealthCheckResponse.named("Discord gateway").up().withData("mode", "standby (another bridge relays)").build();
        }
        if (!bridge.configured()) {
            return HealthCheckResponse.named("Discord gateway").up().withData("mode", "idle (no DISCORD_TOKEN)").build();
        }
        if (!bridge.active()) {
            return HealthCheckResponse.named("Discord gateway").down().withData("reason", "asking for the bridge's lease").build();
        }
        if (bridge.tokenRefused()) {
            return HealthCheckResponse.named("Discord gateway").down().withData("reason", "Discord refused DISCORD_TOKEN").build();
        }
        if (!bridge.connected() && bridge.gatewayProblem() != null) {
            return HealthCheckResponse.named("Discord gateway").down().withData("reason", bridge.gatewayProblem()).build();
        }
        // a channel Discord refuses does not make the bridge unready (the others relay): it is named, with why
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Discord gateway").status(bridge.connected());
        health.problems().forEach((channel, problem) -> response.withData("channel " + channel,
                "unhealthy since " + problem.since() + ": " + problem.reason()));
        return response.build();
    }
}
