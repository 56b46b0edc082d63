package io.pkgpulse.reporting.badges;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.pkgpulse.reporting.cache.HttpCaching;
import io.pkgpulse.reporting.cache.ResponseCacheProperties;
import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.reporting.packages.PackageAccess;
import io.pkgpulse.reporting.packages.VisiblePackage;
import io.pkgpulse.reporting.problems.UnknownPackageException;
import io.pkgpulse.reporting.security.ApiSecurityForSlices;
import io.pkgpulse.reporting.stats.DateRange;
import io.pkgpulse.reporting.stats.StatsQueries;

/**
 * The badge endpoint as a README's image request sees it, with the web layer and security
 * only (no database): an SVG with the count, public caching, and problems for what the
 * caller can fix. BadgeTest covers the numbers.
 */
@WebMvcTest(BadgeController.class)
@ApiSecurityForSlices
@Import({ HttpCaching.class, BadgeControllerSliceTest.Fixed.class })
class BadgeControllerSliceTest {

    static final VisiblePackage REQUESTS = new VisiblePackage(7, "requests", "requests", false);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PackageAccess packages;

    @MockitoBean
    StatsQueries queries;

    @MockitoBean
    ChangeClock changes;

    @Test
    void aMonthBadgeIsAPublicSvgWithTheCount() throws Exception {
        given(packages.require("requests")).willReturn(REQUESTS);
        given(queries.sum(eq(7L), any(DateRange.class), eq(false))).willReturn(12_345L);

        mvc.perform(get("/badge/requests.svg"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
            .andExpect(header().string("Cache-Control", containsString("public")))
            .andExpect(content().string(startsWith("<svg")))
            .andExpect(content().string(containsString("12k/month")))
            .andExpect(content().string(containsString("downloads")));
    }

    @Test
    void aTotalBadgeCountsAllTimeWithoutMirrors() throws Exception {
        given(packages.require("requests")).willReturn(REQUESTS);
        given(queries.totals(7L)).willReturn(Map.of("with_mirrors", 2_000_000L, "without_mirrors", 1_500_000L));

        mvc.perform(get("/badge/requests.svg").param("period", "total").param("label", "installs"))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("1.5M")))
            .andExpect(content().string(containsString("installs")));
    }

    @Test
    void aBadColourIsABadParameterProblem() throws Exception {
        mvc.perform(get("/badge/requests.svg").param("color", "not a colour"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
            .andExpect(jsonPath("$.type").value("/problems/bad-parameter"))
            .andExpect(jsonPath("$.parameter").value("color"));
    }

    @Test
    void anUnknownPackageIsA404Problem() throws Exception {
        given(packages.require("nothing-here")).willThrow(new UnknownPackageException("nothing-here"));

        mvc.perform(get("/badge/nothing-here.svg"))
            .andExpect(status().isNotFound())
            .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
            .andExpect(jsonPath("$.type").value("/problems/unknown-package"))
            .andExpect(jsonPath("$.status").value(404));
    }

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ResponseCacheProperties.class)
    static class Fixed {

        /**
         * In place of the application's system clock: the dates in the answers are known.
         */
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
        }

    }

}
