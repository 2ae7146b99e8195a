package io.tidemark.spring.boot.autoconfigure.actuate;

import io.tidemark.core.Plan;
import io.tidemark.core.Tidemark;
import io.tidemark.core.error.ConfigurationException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Tidemark's health ({@code tidemark} in {@code /actuator/health}): DOWN while an issue is pending (a
 * change left unfinished that stops every run until an operator decides) or while the store cannot be
 * read, or while the change units turn out invalid when the plan loads them (known from
 * {@code tidemark-processor}'s index until then: a bean a parameter needs is missing, say); UP otherwise, also while changes are merely pending (a deferred run, or another instance
 * applying them). Details: chain, tip sequence, pending and issue counts, and each issue with its
 * resolving command. Each check reads the plan ({@link Tidemark#plan()}), usually one read of the tip.
 */
public final class TidemarkHealthIndicator implements HealthIndicator {

    private final Tidemark tidemark;

    /**
     * A health indicator over {@code tidemark}.
     *
     * @param tidemark the application's Tidemark
     */
    public TidemarkHealthIndicator(Tidemark tidemark) {
        this.tidemark = tidemark;
    }

    @Override
    public Health health() {
        Plan plan;
        try {
            plan = tidemark.plan();
        } catch (ConfigurationException e) {
            // Change units known from the build-time index, loaded for the plan and found invalid (a bean
            // their parameters need is missing, say): the store is fine, the application is not.
            return Health.down()
                    .withDetail("chain", tidemark.chain())
                    .withDetail("error", "The change units are invalid: " + e.getMessage())
                    .build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("chain", tidemark.chain())
                    .withDetail("error", "The audit store could not be read: " + e.getMessage())
                    .build();
        }
        Health.Builder health = plan.issues().isEmpty() ? Health.up() : Health.down();
        health.withDetail("chain", plan.chain())
                .withDetail("tipSeq", plan.tipSeq())
                .withDetail("pending", plan.pending().size())
                .withDetail("issues", plan.issues().size());
        if (!plan.issues().isEmpty()) {
            health.withDetail(
                    "resolve",
                    plan.issues().stream().map(TidemarkEndpoint::issue).toList());
        }
        return health.build();
    }
}
