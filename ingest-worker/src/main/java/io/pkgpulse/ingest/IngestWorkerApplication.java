package io.pkgpulse.ingest;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.pkgpulse.ingest.archive.ArchiveCommand;
import io.pkgpulse.model.ModelConfiguration;

/**
 * Consumes download events and keeps raw rows, daily rollups and day partitions in
 * PostgreSQL.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(IngestProperties.class)
@Import(ModelConfiguration.class)
public class IngestWorkerApplication {

    /**
     * Starts the worker, or runs an archive command instead
     * ({@code load-archive FILE...}, {@code unload-archive DAY...},
     * {@code list-archives}; see {@link ArchiveCommand}) and exits with its status.
     */
    public static void main(String[] args) {
        if (ArchiveCommand.isCommand(args)) {
            System.exit(ArchiveCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(IngestWorkerApplication.class, args);
    }

    /** Days are UTC days everywhere: partitions, rollups and reports. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
