package io.tidemark.spring.boot.autoconfigure.actuate;

import io.tidemark.core.Tidemark;
import io.tidemark.spring.boot.autoconfigure.TidemarkAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tidemark's Actuator parts, when Actuator is on the class path and a {@code Tidemark} bean exists:
 * the {@code tidemark} endpoint ({@link TidemarkEndpoint}, when available: enabled and exposed) and
 * the {@code tidemark} health indicator ({@link TidemarkHealthIndicator}, unless
 * {@code management.health.tidemark.enabled=false}).
 */
@AutoConfiguration(after = TidemarkAutoConfiguration.class)
@ConditionalOnClass(Tidemark.class)
@ConditionalOnBean(Tidemark.class)
public final class TidemarkActuatorAutoConfiguration {

    /** Instantiated by Spring. */
    public TidemarkActuatorAutoConfiguration() {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
    static final class EndpointConfiguration {
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(TidemarkEndpoint.class)
        TidemarkEndpoint tidemarkEndpoint(Tidemark tidemark) {
            return new TidemarkEndpoint(tidemark);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static final class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "tidemarkHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("tidemark")
        TidemarkHealthIndicator tidemarkHealthIndicator(Tidemark tidemark) {
            return new TidemarkHealthIndicator(tidemark);
        }
    }
}
