package io.pkgpulse.reporting.cache;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import io.pkgpulse.reporting.changes.ChangeClock;

/**
 * HTTP caching's filters: ETags on stats and badges, so that clients and proxies can
 * revalidate cheaply, and the response cache, between Spring Security (order -100) and
 * the ETag filter (last), so hits carry ETags too. The cache's properties are there even
 * when it is off: the caches of series and packages behind it read them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResponseCacheProperties.class)
class ResponseCacheConfiguration {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(new EtagFilter());
        registration.addUrlPatterns("/api/*", "/badge/*");
        return registration;
    }

    /**
     * Spring's ETag filter, except for the live stream ({@code /api/live}). Spring turns
     * the filter's buffering off for an {@code SseEmitter}, but its response wrapper
     * still makes {@code flushBuffer()} do nothing, and that is how each event is
     * flushed: the stream would reach the client only when it ends (LiveStreamTest shows
     * it).
     */
    static final class EtagFilter extends ShallowEtagHeaderFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return request.getRequestURI().startsWith("/api/live");
        }

    }

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
