package io.pkgpulse.reporting.security;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.stereotype.Component;

/**
 * Tomcat's HTTP connector logs every raw request at DEBUG ({@code Http11InputBuffer}:
 * "Received [...]"), headers and body, and so every password and {@code X-API-Key} sent.
 * So that a broad setting ({@code logging.level.root=DEBUG} or TRACE, at start-up or
 * later through the actuator) cannot do that by accident, {@code org.apache.coyote} is
 * pinned at INFO at start-up. Configuring {@code logging.level.org.apache.coyote} (or a
 * parent such as {@code org.apache}) explicitly is taken as meaning it, and left alone.
 */
@Component
class WireLoggingGuard implements InitializingBean {

    static final String CONNECTOR = "org.apache.coyote";

    private static final List<String> EXPLICIT = List.of("org.apache.coyote.http11.Http11InputBuffer",
            "org.apache.coyote.http11", "org.apache.coyote.http2", CONNECTOR, "org.apache", "org");

    private static final Logger log = LoggerFactory.getLogger(WireLoggingGuard.class);

    private final LoggingSystem loggingSystem;

    WireLoggingGuard(LoggingSystem loggingSystem) {
        this.loggingSystem = loggingSystem;
    }

    @Override
    public void afterPropertiesSet() {
        for (String name : EXPLICIT) {
            LoggerConfiguration configuration = loggingSystem.getLoggerConfiguration(name);
            if (configuration != null && configuration.getConfiguredLevel() != null) {
                return;
            }
        }
        LoggerConfiguration connector = loggingSystem.getLoggerConfiguration(CONNECTOR);
        LogLevel effective = connector == null ? null : connector.getEffectiveLevel();
        loggingSystem.setLogLevel(CONNECTOR, LogLevel.INFO);
        if (effective != null && effective.ordinal() < LogLevel.INFO.ordinal()) {
            log.warn("Logger {} kept at INFO instead of {}: at DEBUG it logs raw requests, passwords and API keys "
                    + "included. Set logging.level.{} to log them anyway.", CONNECTOR, effective, CONNECTOR);
        }
    }

}
