package io.pkgpulse.reporting.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pkgpulse.model.downloads.DownloadsProperties;
import io.pkgpulse.reporting.cache.AnswerScope;
import io.pkgpulse.reporting.cache.HttpCaching;
import io.pkgpulse.reporting.packages.PackageAccess;

/**
 * Hourly download series from the hourly rollups, shaped like the daily ones with an
 * {@code hour} (the start of a UTC hour) in place of the date. {@code {package}} is
 * matched after PEP 503 normalisation; {@code __all__} means all packages. Both take
 * {@code start} and {@code end} ({@link HourRange}); the hours reach back
 * {@code pkgpulse.downloads.hourly-retention}. JSON by default, CSV with
 * {@code Accept: text/csv} or {@code ?format=csv}.
 */
@RestController
@RequestMapping("/api/packages/{package}")
@ApiResponse(responseCode = "400",
        description = "A parameter is malformed or out of range, such as a range before "
                + "the hourly window (problem type /problems/bad-parameter; `parameter` names it)",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "404",
        description = "No such package, or a private one the caller may not see "
                + "(problem type /problems/unknown-package)",
        content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                schema = @Schema(implementation = ProblemDetail.class)))
class HourlyController {

    private static final String PACKAGE = "Package name in any spelling (PEP 503), or __all__ for all packages";

    private static final String START = "First hour, included: an ISO-8601 date-time on a whole UTC hour "
            + "(2026-11-26T14:00:00Z, 2026-11-26T14:00Z) or a date (its first hour). Default: 47 hours before end, "
            + "but not before the hourly window (pkgpulse.downloads.hourly-retention, 14 days by default).";

    private static final String END = "Last hour, included: an ISO-8601 date-time on a whole UTC hour or a date (its "
            + "last hour). Default: the current hour; at most one hour after it.";

    private final HourlyQueries queries;

    private final PackageAccess packages;

    private final Clock clock;

    private final DownloadsProperties downloads;

    private final HttpCaching caching;

    HourlyController(HourlyQueries queries, PackageAccess packages, Clock clock, DownloadsProperties downloads,
            HttpCaching caching) {
        this.caching = caching;
        this.queries = queries;
        this.packages = packages;
        this.clock = clock;
        this.downloads = downloads;
    }

    @GetMapping("/hourly")
    @Operation(summary = "Downloads per UTC hour, with and without mirrors",
            description = "One row per hour with downloads and category with_mirrors / without_mirrors, like the "
                    + "daily overall series.")
    @ApiResponse(responseCode = "200", description = "type overall_hourly_downloads", useReturnTypeSchema = true)
    ResponseEntity<HourlySeries> hourly(
            @Parameter(description = PACKAGE, example = "requests") @PathVariable("package") String name,
            @Parameter(description = "Only with_mirrors (true) or only without_mirrors (false); both when absent",
                    example = "false") @RequestParam(required = false) Boolean mirrors,
            @Parameter(description = START,
                    example = "2026-11-26T00:00:00Z") @RequestParam(required = false) String start,
            @Parameter(description = END,
                    example = "2026-11-26T23:00:00Z") @RequestParam(required = false) String end) {
        Target target = Target.of(name, packages);
        HourRange range = HourRange.of(start, end, clock, downloads.hourlyRetention());
        return respond(target, range, () -> new HourlySeries(target.name(), "overall_hourly_downloads",
                queries.overall(target.id(), range, mirrors)));
    }

    @GetMapping("/hourly/version")
    @Operation(summary = "Downloads per UTC hour and release version",
            description = "One row per hour and version with downloads, in version order within an hour; without "
                    + "mirrors unless mirrors=true. For __all__, all packages' downloads of each version string.")
    @ApiResponse(responseCode = "200", description = "type version_hourly_downloads", useReturnTypeSchema = true)
    ResponseEntity<HourlySeries> hourlyVersion(
            @Parameter(description = PACKAGE, example = "requests") @PathVariable("package") String name,
            @Parameter(description = "Only this release version",
                    example = "2.32.3") @RequestParam(required = false) String version,
            @Parameter(description = "Count downloads by mirroring tools too",
                    example = "false") @RequestParam(defaultValue = "false") boolean mirrors,
            @Parameter(description = START,
                    example = "2026-11-26T00:00:00Z") @RequestParam(required = false) String start,
            @Parameter(description = END,
                    example = "2026-11-26T23:00:00Z") @RequestParam(required = false) String end) {
        Target target = Target.of(name, packages);
        Target.checkFilter("version", version);
        HourRange range = HourRange.of(start, end, clock, downloads.hourlyRetention());
        return respond(target, range, () -> new HourlySeries(target.name(), "version_hourly_downloads",
                queries.versions(target.id(), range, mirrors, version)));
    }

    /**
     * Caching headers as for the daily series ({@link HttpCaching}), over the UTC days
     * the hours fall on: a range that reaches into today is revalidated every time, and
     * kept in memory until a change on one of its days.
     */
    private <T> ResponseEntity<T> respond(Target target, HourRange range, Supplier<T> body) {
        AnswerScope scope = new AnswerScope(target.id(), LocalDate.ofInstant(range.start(), ZoneOffset.UTC),
                LocalDate.ofInstant(range.end(), ZoneOffset.UTC));
        return caching.respond(scope, target.isPrivate(), false, body);
    }

}
