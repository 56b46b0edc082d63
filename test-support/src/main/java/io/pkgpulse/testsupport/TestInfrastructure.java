package io.pkgpulse.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points a Spring test context at this run's PostgreSQL database and Kafka broker; import
 * it with {@code @Import(TestInfrastructure.class)}. Values are suppliers, so a context
 * that never reads {@code spring.kafka.bootstrap-servers} never starts a broker.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

    @Bean
    static DynamicPropertyRegistrar testInfrastructureProperties() {
        return registry -> {
            registry.add("spring.datasource.url", () -> TestPostgres.database().jdbcUrl());
            registry.add("spring.datasource.username", () -> TestPostgres.database().username());
            registry.add("spring.datasource.password", () -> TestPostgres.database().password());
            registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        };
    }

}
