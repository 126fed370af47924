package dev.workflowchat.state.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness says which role this replica has: {@code leader} (it applies the workflow's events) or
 * {@code standby} (ready to take over, serving read-only snapshots from the record meanwhile). Both
 * are ready: a standby that is taken out of service could not take over a rolling update.
 */
@Readiness
@ApplicationScoped
public class LeadershipCheck implements HealthCheck {

    private final StateLeadership leadership;

    public LeadershipCheck(StateLeadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        String role = leadership.acting() ? "leader" : leadership.standingBy() ? "standby" : "starting";
        return HealthCheckResponse.named("state-broadcaster leadership").up().withData("role", role).build();
    }
}
