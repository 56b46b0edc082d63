package io.pkgpulse.ingest;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.pkgpulse.model.ModelConfiguration;

/** Consumes download events and keeps raw rows, daily rollups and day partitions in PostgreSQL. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(IngestProperties.class)
@Import(ModelConfiguration.class)
public class IngestWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestWorkerApplication.class, args);
    }

    /** Days are UTC days everywhere: partitions, rollups and reports. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
