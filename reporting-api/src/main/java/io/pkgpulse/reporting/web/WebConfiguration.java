package io.pkgpulse.reporting.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.pkgpulse.reporting.accounts.ProblemResponses;

/**
 * CSV responses, ETags on stats and badges so that clients and proxies can revalidate cheaply, and problem details
 * for the errors that Spring MVC's exception handlers do not see: malformed parameters, requests that Tomcat refuses
 * itself, and what reaches {@code /error}.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(new CsvMessageConverter());
    }

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
                new EtagFilter());
        registration.addUrlPatterns("/api/*", "/badge/*");
        return registration;
    }

    /**
     * Spring's ETag filter, except for the live stream ({@code /api/live}). Spring turns the filter's buffering off
     * for an {@code SseEmitter}, but its response wrapper still makes {@code flushBuffer()} do nothing, and that is
     * how each event is flushed: the stream would reach the client only when it ends (LiveStreamTest shows it).
     */
    static final class EtagFilter extends ShallowEtagHeaderFilter {

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return request.getRequestURI().startsWith("/api/live");
        }
    }

    /** Right after the character encoding filter (which must come first), before Spring Security and MVC. */
    @Bean
    FilterRegistrationBean<MalformedParametersFilter> malformedParameters(ProblemResponses problems) {
        FilterRegistrationBean<MalformedParametersFilter> registration = new FilterRegistrationBean<>(
                new MalformedParametersFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Runs after Spring Boot's own customizer (which installs its error report valve), so it can replace it. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }

    /** In place of Spring Boot's {@code BasicErrorController} (which backs off when there is one), built alike. */
    @Bean
    ProblemErrorController errorController(ErrorAttributes errorAttributes, WebProperties webProperties,
            ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        return new ProblemErrorController(errorAttributes, webProperties.getError(),
                errorViewResolvers.orderedStream().toList());
    }
}
