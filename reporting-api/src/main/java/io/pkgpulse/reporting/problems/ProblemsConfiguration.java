package io.pkgpulse.reporting.problems;

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

/**
 * Problem details for the errors that Spring MVC's exception handlers do not see:
 * malformed parameters, requests that Tomcat refuses itself, and what reaches
 * {@code /error}.
 */
@Configuration(proxyBeanMethods = false)
class ProblemsConfiguration {

    /**
     * Right after the character encoding filter (which must come first), before Spring
     * Security and MVC.
     */
    @Bean
    FilterRegistrationBean<MalformedParametersFilter> malformedParameters(ProblemResponses problems) {
        FilterRegistrationBean<MalformedParametersFilter> registration = new FilterRegistrationBean<>(
                new MalformedParametersFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Runs after Spring Boot's own customizer (which installs its error report valve), so
     * it can replace it.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }

    /**
     * In place of Spring Boot's {@code BasicErrorController} (which backs off when there
     * is one), built alike.
     */
    @Bean
    ProblemErrorController errorController(ErrorAttributes errorAttributes, WebProperties webProperties,
            ObjectProvider<ErrorViewResolver> errorViewResolvers) {
        return new ProblemErrorController(errorAttributes, webProperties.getError(),
                errorViewResolvers.orderedStream().toList());
    }

}
