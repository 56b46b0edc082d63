package io.pkgpulse.reporting.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pkgpulse.model.rollups.Dimension;
import io.pkgpulse.reporting.cache.AnswerScope;
import io.pkgpulse.reporting.cache.HttpCaching;
import io.pkgpulse.reporting.packages.PackageAccess;
import io.pkgpulse.reporting.problems.BadRequestException;

/**
 * Daily download statistics, in pypistats.org's paths and shapes, then more.
 * {@code {package}} is matched after PEP 503 normalisation; {@code __all__} means all
 * packages. Every series takes {@code start_date} and {@code end_date}; category series
 * count without mirrors unless {@code mirrors=true}, and their filter parameter
 * ({@code os}, {@code installer}, ...) is matched without regard to case
 * ({@link CategoryFilter}). JSON by default, CSV with {@code Accept: text/csv} or
 * {@code ?format=csv}. Caching headers follow {@link HttpCaching}.
 */
@RestController
@RequestMapping("/api")
class StatsController {

    private final StatsQueries queries;

    private final PackageAccess packages;

    private final HttpCaching caching;

    private final Clock clock;

    StatsController(StatsQueries queries, PackageAccess packages, HttpCaching caching, Clock clock) {
        this.queries = queries;
        this.packages = packages;
        this.caching = caching;
        this.clock = clock;
    }

    @GetMapping("/packages/{package}/recent")
    ResponseEntity<Recent> recent(@PathVariable("package") String name, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "false") boolean mirrors) {
        Target target = target(name);
        RecentPeriod only = period == null ? null : RecentPeriod.of(period)
            .orElseThrow(() -> new BadRequestException("period", "period must be day, week or month"));
        LocalDate today = LocalDate.now(clock);
        DateRange covered = (only == null ? RecentPeriod.MONTH : only).range(today);
        return caching.respond(new AnswerScope(target.id(), covered.start(), covered.end()), target.isPrivate(), true,
                () -> {
                    Map<String, Long> data = new LinkedHashMap<>();
                    for (RecentPeriod each : RecentPeriod.values()) {
                        if (only == null || only == each) {
                            data.put("last_" + each.key(), queries.sum(target.id(), each.range(today), mirrors));
                        }
                    }
                    return new Recent(target.name(), "recent_downloads", data);
                });
    }

    @GetMapping("/packages/{package}/overall")
    ResponseEntity<Series> overall(@PathVariable("package") String name,
            @RequestParam(required = false) Boolean mirrors,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end) {
        Target target = target(name);
        DateRange range = DateRange.of(start, end, clock);
        return respond(target, range,
                () -> new Series(target.name(), "overall_downloads", queries.overall(target.id(), range, mirrors)));
    }

    @GetMapping("/packages/{package}/python_major")
    ResponseEntity<Series> pythonMajor(@PathVariable("package") String name,
            @RequestParam(required = false) String version, @RequestParam(defaultValue = "false") boolean mirrors,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end) {
        return category(name, Dimension.PYTHON_MAJOR, version, mirrors, start, end);
    }

    @GetMapping("/packages/{package}/python_minor")
    ResponseEntity<Series> pythonMinor(@PathVariable("package") String name,
            @RequestParam(required = false) String version, @RequestParam(defaultValue = "false") boolean mirrors,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end) {
        return category(name, Dimension.PYTHON_MINOR, version, mirrors, start, end);
    }

    @GetMapping("/packages/{package}/system")
    ResponseEntity<Series> system(@PathVariable("package") String name, @RequestParam(required = false) String os,
            @RequestParam(defaultValue = "false") boolean mirrors,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end) {
        return category(name, Dimension.SYSTEM, os, mirrors, start, end);
    }

    @GetMapping("/packages/{package}/installer")
    ResponseEntity<Series> installer(@PathVariable("package") String name,
            @RequestParam(required = false) String installer, @RequestParam(defaultValue = "false") boolean mirrors,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end) {
        return category(name, Dimension.INSTALLER, installer, mirrors, start, end);
    }

    @GetMapping("/packages/{package}/country")
    ResponseEntity<Series> country(@PathVariable("package") String name, @RequestParam(required = false) String country,
            @RequestParam(defaultValue = "false") boolean mirrors,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end) {
        return category(name, Dimension.COUNTRY, country, mirrors, start, end);
    }

    @GetMapping("/packages/{package}/file_type")
    ResponseEntity<Series> fileType(@PathVariable("package") String name, @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "false") boolean mirrors,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end) {
        return category(name, Dimension.FILE_TYPE, type, mirrors, start, end);
    }

    @GetMapping("/packages/{package}/ci")
    ResponseEntity<Series> ci(@PathVariable("package") String name, @RequestParam(required = false) String ci,
            @RequestParam(defaultValue = "false") boolean mirrors,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end) {
        return category(name, Dimension.CI, ci, mirrors, start, end);
    }

    @GetMapping("/packages/{package}/version")
    ResponseEntity<Series> version(@PathVariable("package") String name, @RequestParam(required = false) String version,
            @RequestParam(defaultValue = "false") boolean mirrors,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end) {
        Target target = packageTarget(name, "version");
        Target.checkFilter("version", version);
        DateRange range = DateRange.of(start, end, clock);
        return respond(target, range, () -> new Series(target.name(), "version_downloads",
                queries.versions(target.id(), range, mirrors, version)));
    }

    @GetMapping("/packages/{package}/total")
    ResponseEntity<Recent> total(@PathVariable("package") String name) {
        Target target = target(name);
        return caching.respond(AnswerScope.allTime(target.id()), target.isPrivate(), false,
                () -> new Recent(target.name(), "total_downloads", queries.totals(target.id())));
    }

    @GetMapping("/packages/{package}/version_totals")
    ResponseEntity<VersionTotals> versionTotals(@PathVariable("package") String name,
            @RequestParam(defaultValue = "false") boolean mirrors) {
        Target target = packageTarget(name, "version_totals");
        return caching.respond(AnswerScope.allTime(target.id()), target.isPrivate(), false,
                () -> new VersionTotals(target.name(), "version_total_downloads",
                        queries.versionTotals(target.id(), mirrors)));
    }

    @GetMapping("/stats/top")
    ResponseEntity<Top> top(@RequestParam(required = false) String date, @RequestParam(defaultValue = "10") int limit,
            @RequestParam(defaultValue = "false") boolean mirrors) {
        if (limit < 1 || limit > 100) {
            throw new BadRequestException("limit", "limit must be between 1 and 100");
        }
        LocalDate day = date == null ? LocalDate.now(clock) : DateRange.of(date, date, clock).start();
        return caching.respond(new AnswerScope(null, day, day), false, date == null,
                () -> new Top("top_packages", day, queries.top(day, limit, mirrors)));
    }

    /**
     * A category series; {@code filter} is the request's value of the dimension's filter
     * parameter, as sent.
     */
    private ResponseEntity<Series> category(String name, Dimension dimension, String filter, boolean mirrors,
            String start, String end) {
        Target target = target(name);
        CategoryFilter only = CategoryFilter.of(dimension, filter);
        DateRange range = DateRange.of(start, end, clock);
        return respond(target, range, () -> new Series(target.name(), dimension.pypiName() + "_downloads",
                queries.categories(target.id(), dimension, range, mirrors, only)));
    }

    private Target target(String name) {
        return Target.of(name, packages);
    }

    private Target packageTarget(String name, String endpoint) {
        if (Target.ALL.equals(name)) {
            throw new BadRequestException("package", endpoint + " is per package; __all__ has no releases");
        }
        return target(name);
    }

    /**
     * A series over {@code range}: public stats may be cached by anyone, a private
     * package's only by the caller.
     */
    private <T> ResponseEntity<T> respond(Target target, DateRange range, Supplier<T> body) {
        return caching.respond(new AnswerScope(target.id(), range.start(), range.end()), target.isPrivate(), false,
                body);
    }

}
