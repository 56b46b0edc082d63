package io.pkgpulse.reporting.cache;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pkgpulse.reporting.changes.ChangeClock;

/**
 * The response cache, between Spring Security (order -100) and the ETag filter (last), so hits carry ETags too. Its
 * properties are there even when it is off: the caches of series and packages behind it read them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResponseCacheProperties.class)
class ResponseCacheConfiguration {

    @Bean
    @ConditionalOnBooleanProperty(name = "pkgpulse.response-cache.enabled", matchIfMissing = true)
    ResponseCacheFilter responseCacheFilter(ResponseCacheProperties properties, ChangeClock changes, Clock clock,
            MeterRegistry meters) {
        ResponseCacheFilter filter = new ResponseCacheFilter(properties, changes, clock);
        CaffeineCacheMetrics.monitor(meters, filter.cache(), "pkgpulse.response-cache");
        return filter;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "pkgpulse.response-cache.enabled", matchIfMissing = true)
    FilterRegistrationBean<ResponseCacheFilter> responseCacheRegistration(ResponseCacheFilter filter) {
        FilterRegistrationBean<ResponseCacheFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*", "/badge/*");
        registration.setOrder(0);
        return registration;
    }
}
