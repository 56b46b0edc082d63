package io.pkgpulse.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.testsupport.SqlStatementCounter;
import io.pkgpulse.testsupport.TestInfrastructure;

/**
 * A page costs a fixed handful of SQL statements whatever its range: no query per day,
 * version or category. MockMvc runs the request, template included, on the test's thread,
 * where the statement counter counts.
 */
@SpringBootTest(properties = { "pkgpulse.ratelimit.enabled=false",
        // What the database is asked, not what memory answers.
        "pkgpulse.response-cache.enabled=false" })
@AutoConfigureMockMvc
@Import({ TestInfrastructure.class, SqlStatementCounter.class })
class DashboardQueryCountTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChangeClock changes;

    @Autowired
    Clock clock;

    LocalDate today;

    @BeforeEach
    void seed() {
        today = LocalDate.now(clock);
        new DashboardSeed(jdbc, changes, today).truncate().standard(clock.instant());
    }

    @Test
    void packagePageStatementsDoNotDependOnTheRange() throws Exception {
        long threeDays = statements("/packages/pulse-demo?start_date=" + today.minusDays(2));
        long halfAYear = statements("/packages/pulse-demo");
        long tenYears = statements("/packages/pulse-demo?start_date=" + today.minusYears(10).plusDays(2));

        assertThat(halfAYear).isEqualTo(threeDays).isEqualTo(tenYears);
        // Package, details, all-time totals, 3 recent sums (none once the overall series
        // is cached), overall, versions,
        // 3 dimensions, today and the last 48 hours (one statement), release adoption. A
        // signed-in maintainer would
        // add one lookup.
        assertThat(halfAYear).isLessThanOrEqualTo(14);
    }

    @Test
    void homePageStatementsAreAFewIndexLookups() throws Exception {
        // 4 periods x 2 mirror modes, top packages, freshness.
        assertThat(statements("/")).isLessThanOrEqualTo(10);
    }

    private long statements(String path) throws Exception {
        SqlStatementCounter.reset();
        mvc.perform(get(path)).andExpect(status().isOk());
        long statements = SqlStatementCounter.counted().getTotal();
        System.out.println("GET " + path + ": " + statements + " SQL statements");
        return statements;
    }

}
