package io.pkgpulse.reporting.accounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The accounts feature's defaults that are not components of their own. */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    /**
     * Logs that a reset was issued; a deployment that sends e-mail declares a
     * {@code @Primary} notifier.
     */
    @Bean
    PasswordResetNotifier loggingPasswordResetNotifier(Environment environment) {
        return new LoggingPasswordResetNotifier(environment);
    }

}
