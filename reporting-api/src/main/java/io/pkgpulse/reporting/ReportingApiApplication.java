package io.pkgpulse.reporting;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Serves daily download statistics over HTTP from the rollups the ingest worker keeps.
 */
@SpringBootApplication
public class ReportingApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReportingApiApplication.class, args);
    }

    /** Days are UTC days everywhere: rollups, "today" and "yesterday" in reports. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
