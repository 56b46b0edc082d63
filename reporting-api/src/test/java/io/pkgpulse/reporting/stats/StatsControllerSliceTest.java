package io.pkgpulse.reporting.stats;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static org.hamcrest.Matchers.containsString;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

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

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.reporting.cache.HttpCaching;
import io.pkgpulse.reporting.cache.ResponseCacheProperties;
import io.pkgpulse.reporting.changes.ChangeClock;
import io.pkgpulse.reporting.packages.PackageAccess;
import io.pkgpulse.reporting.packages.VisiblePackage;
import io.pkgpulse.reporting.security.ApiSecurityForSlices;
import io.pkgpulse.reporting.stats.Series.Row;

/**
 * The category series endpoints as a pypistats client sees them, with the web layer and
 * security only (no database): each path reads its own filter parameter into its
 * dimension, and answers pypistats' JSON shape, CSV on request, or a bad-parameter
 * problem. StatsApiTest and CategoryFilterTest cover the numbers.
 */
@WebMvcTest(StatsController.class)
@ApiSecurityForSlices
@Import({ HttpCaching.class, StatsControllerSliceTest.Fixed.class })
class StatsControllerSliceTest {

    static final LocalDate YESTERDAY = LocalDate.of(2026, 6, 14);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    StatsQueries queries;

    @MockitoBean
    PackageAccess packages;

    @MockitoBean
    ChangeClock changes;

    @Test
    void aCategorySeriesHasPypistatsShape() throws Exception {
        given(packages.require("requests")).willReturn(new VisiblePackage(7, "requests", "requests", false));
        given(queries.categories(eq(7L), eq(Dimension.SYSTEM), any(DateRange.class), eq(false),
                eq(new CategoryFilter("linux"))))
            .willReturn(List.of(new Row("Linux", YESTERDAY, 150)));

        mvc.perform(get("/api/packages/requests/system").param("os", "Linux"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("application/json"))
            .andExpect(jsonPath("$.package").value("requests"))
            .andExpect(jsonPath("$.type").value("system_downloads"))
            .andExpect(jsonPath("$.data[0].category").value("Linux"))
            .andExpect(jsonPath("$.data[0].date").value("2026-06-14"))
            .andExpect(jsonPath("$.data[0].downloads").value(150))
            .andExpect(header().string("Cache-Control", containsString("public")));
    }

    @Test
    void eachPathFiltersByItsOwnParameter() throws Exception {
        given(packages.require("requests")).willReturn(new VisiblePackage(7, "requests", "requests", false));
        String[][] cases = { { "python_major", "version" }, { "python_minor", "version" }, { "system", "os" },
                { "installer", "installer" }, { "country", "country" }, { "file_type", "type" }, { "ci", "ci" } };
        for (String[] each : cases) {
            mvc.perform(get("/api/packages/requests/" + each[0]).param(each[1], "TRUE").param("mirrors", "true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.type").value(each[0] + "_downloads"));
        }
        for (Dimension dimension : Dimension.values()) {
            then(queries).should(org.mockito.Mockito.atLeastOnce())
                .categories(eq(7L), eq(dimension), any(DateRange.class), eq(true), eq(new CategoryFilter("true")));
        }
    }

    @Test
    void csvOnRequest() throws Exception {
        given(packages.require("requests")).willReturn(new VisiblePackage(7, "requests", "requests", false));
        given(queries.categories(eq(7L), eq(Dimension.INSTALLER), any(DateRange.class), eq(false), isNull()))
            .willReturn(List.of(new Row("pip", YESTERDAY, 205)));

        mvc.perform(get("/api/packages/requests/installer").param("format", "csv"))
            .andExpect(status().isOk())
            .andExpect(content().contentTypeCompatibleWith("text/csv"))
            .andExpect(content().string("date,category,downloads\r\n2026-06-14,pip,205\r\n"));
    }

    @Test
    void aFilterThatCanMatchNothingIsABadParameter() throws Exception {
        given(packages.require("requests")).willReturn(new VisiblePackage(7, "requests", "requests", false));

        mvc.perform(get("/api/packages/requests/ci").param("ci", "perhaps"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
            .andExpect(jsonPath("$.type").value("/problems/bad-parameter"))
            .andExpect(jsonPath("$.parameter").value("ci"));
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
