package io.pkgpulse.reporting.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

import io.pkgpulse.names.ProjectNames;
import io.pkgpulse.reporting.live.LiveQueries;
import io.pkgpulse.reporting.live.LiveSnapshot;
import io.pkgpulse.reporting.packages.PackageAccess;
import io.pkgpulse.reporting.packages.PackageDetails;
import io.pkgpulse.reporting.packages.PackageQueries;
import io.pkgpulse.reporting.packages.VisiblePackage;
import io.pkgpulse.reporting.problems.BadRequestException;
import io.pkgpulse.reporting.stats.DateRange;
import io.pkgpulse.reporting.stats.RecentPeriod;
import io.pkgpulse.reporting.stats.StatsQueries;

/**
 * The HTML dashboard: {@code GET /} (totals over all packages, today's top packages,
 * ingest freshness) and {@code GET /packages/{package}} (a package's numbers and charts
 * over a date range, with or without mirrors), and {@code GET /packages?q=} (the search
 * box). Every number comes from the rollups through {@link StatsQueries} (daily) and
 * {@link LiveQueries} (today, the last hours): a page costs a fixed handful of index
 * range scans, whatever the range. Charts are drawn in the browser by
 * {@code static/dashboard/dashboard.js} (Chart.js from the webjar) from JSON embedded in
 * the page; each chart's numbers are also in a table under it. The script keeps today's
 * numbers and the hourly charts current from {@code GET /api/live}, without a reload.
 * <p>
 * Errors are pages too, never problem details or stack traces: an unknown package, or a
 * private one the caller may not see, is the same 404 page; invalid dates or
 * {@code mirrors} are a 400 page that says what to fix.
 */
@Controller
class DashboardController {

    static final int TOP_PACKAGES = 10;
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final Logger log = LoggerFactory.getLogger(DashboardController.class);

    private final StatsQueries stats;

    private final PackageAccess packages;

    private final DashboardQueries queries;

    private final PackageQueries packageQueries;

    private final LiveQueries live;

    private final DashboardPages pages;

    private final Clock clock;

    DashboardController(StatsQueries stats, PackageAccess packages, DashboardQueries queries,
            PackageQueries packageQueries, LiveQueries live, DashboardPages pages, Clock clock) {
        this.stats = stats;
        this.packages = packages;
        this.queries = queries;
        this.packageQueries = packageQueries;
        this.live = live;
        this.pages = pages;
        this.clock = clock;
    }

    /**
     * Runs before every handler of this controller: the pages load scripts and styles
     * from this server only.
     */
    @ModelAttribute
    void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    @GetMapping("/")
    ModelAndView home() {
        LocalDate today = LocalDate.now(clock);
        ModelAndView page = new ModelAndView("dashboard/home");
        page.addObject("totals",
                List.of(totals("Today so far", new DateRange(today, today)),
                        totals("Yesterday", RecentPeriod.DAY.range(today)),
                        totals("Last 7 days", RecentPeriod.WEEK.range(today)),
                        totals("Last 30 days", RecentPeriod.MONTH.range(today))));
        page.addObject("today", today);
        page.addObject("top", stats.top(today, TOP_PACKAGES, false));
        page.addObject("freshness", queries.freshness(clock));
        page.addObject("liveJson", ScriptJson.write(Map.of("stream", "/api/live")));
        return page;
    }

    /**
     * The header's search box, {@code GET /packages?q=name}: a valid name goes to its
     * package page (which may still be a 404). Under {@code /packages} rather than a
     * {@code /search} of its own, so that it is public exactly like the package pages.
     */
    @GetMapping("/packages")
    ModelAndView search(@RequestParam(name = "q", required = false) String query) {
        String name = query == null ? "" : query.strip();
        if (name.isEmpty()) {
            return redirect("/", HttpStatus.FOUND);
        }
        if (!ProjectNames.isValid(name)) {
            return notFound(name);
        }
        return redirect(DashboardPages.packageUrl(ProjectNames.normalize(name), null, null, null), HttpStatus.FOUND);
    }

    @GetMapping("/packages/{package}")
    ModelAndView packagePage(@PathVariable("package") String name,
            @RequestParam(name = "start_date", required = false) String start,
            @RequestParam(name = "end_date", required = false) String end,
            @RequestParam(name = "mirrors", required = false) String mirrors) {
        Optional<VisiblePackage> found = packages.find(name);
        if (found.isEmpty()) {
            return notFound(name);
        }
        VisiblePackage pkg = found.get();
        if (!name.equals(pkg.normalizedName())) {
            return redirect(DashboardPages.packageUrl(pkg.normalizedName(), start, end, mirrors),
                    HttpStatus.MOVED_PERMANENTLY);
        }
        // Not "package.html": maven-jar-plugin leaves files of that name (Javadoc's,
        // once) out of the jar.
        ModelAndView page = new ModelAndView("dashboard/package-page");
        page.addObject("pkg", pkg);
        page.addObject("details", packageQueries.details(pkg.id()).orElse(PackageDetails.NONE));
        page.addObject("startInput", start);
        page.addObject("endInput", end);
        boolean withMirrors;
        DateRange range;
        try {
            withMirrors = parseMirrors(mirrors);
            range = DateRange.of(start, end, clock);
        }
        catch (BadRequestException ex) {
            page.addObject("error", ex.getMessage());
            page.addObject("errorParameter", ex.parameter());
            page.addObject("mirrors", "true".equalsIgnoreCase(mirrors));
            page.setStatus(HttpStatus.BAD_REQUEST);
            return page;
        }
        String mode = withMirrors ? "true" : "false";
        page.addObject("mirrors", withMirrors);
        page.addObject("range", range);
        page.addObject("startInput", range.start().toString());
        page.addObject("endInput", range.end().toString());

        // The charts first: the recent counts are then summed from the overall series
        // they leave in the cache.
        List<Chart> charts = pages.dailyCharts(pkg, range, withMirrors, start, end);
        // Today and the last hours, read as the live stream reads them; dashboard.js
        // keeps them current.
        LiveSnapshot now = live.read(pkg.id(), pkg.normalizedName());
        Instant adoptionStart = now.hour().minus(HourCharts.ADOPTION_HOURS - 1, ChronoUnit.HOURS);
        List<Chart> hourCharts = List.of(HourCharts.hourly(pkg.normalizedName(), now, withMirrors),
                HourCharts.adoption(pkg.normalizedName(),
                        queries.adoption(pkg.id(), adoptionStart, now.hour(), HourCharts.ADOPTION_VERSIONS),
                        adoptionStart));
        List<Chart> pageCharts = new ArrayList<>(hourCharts);
        pageCharts.addAll(charts);
        page.addObject("charts", pageCharts);
        page.addObject("todaySoFar", withMirrors ? now.today().withMirrors() : now.today().withoutMirrors());
        page.addObject("thisHour", withMirrors ? now.thisHour().withMirrors() : now.thisHour().withoutMirrors());
        page.addObject("hour", now.hour());
        page.addObject("hourLabel", HourCharts.labels(now.hour(), 1).get(0).substring(11));
        LocalDate today = LocalDate.now(clock);
        Map<String, Long> allTime = stats.totals(pkg.id());
        page.addObject("recent", List.of(
                new Count("Yesterday", stats.sum(pkg.id(), RecentPeriod.DAY.range(today), withMirrors)),
                new Count("Last 7 days", stats.sum(pkg.id(), RecentPeriod.WEEK.range(today), withMirrors)),
                new Count("Last 30 days", stats.sum(pkg.id(), RecentPeriod.MONTH.range(today), withMirrors)),
                new Count("All time", allTime.getOrDefault(withMirrors ? "with_mirrors" : "without_mirrors", 0L))));
        page.addObject("rangeTotal", charts.get(0).total());
        page.addObject("chartJson", DashboardPages.chartJson(pkg, withMirrors, charts, hourCharts));
        page.addObject("liveJson", DashboardPages.liveJson(pkg, withMirrors));
        page.addObject("mirrorLinks", DashboardPages.mirrorLinks(pkg.normalizedName(), start, end, withMirrors));
        page.addObject("rangeLinks", pages.rangeLinks(pkg.normalizedName(), range, mode));
        return page;
    }

    /** Anything unexpected is an error page that says so; the log has the details. */
    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception ex, HttpServletRequest request) {
        HttpStatusCode status = ex instanceof ErrorResponse response ? response.getStatusCode()
                : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.is5xxServerError()) {
            log.error("Dashboard page {} failed", request.getRequestURI(), ex);
        }
        ModelAndView page = new ModelAndView("dashboard/error");
        page.addObject("status", status.value());
        page.setStatus(status);
        return page;
    }

    private PeriodTotals totals(String period, DateRange range) {
        return new PeriodTotals(period, range.start(), range.end(), stats.sum(null, range, true),
                stats.sum(null, range, false));
    }

    private static boolean parseMirrors(String mirrors) {
        if (mirrors == null || mirrors.isEmpty() || mirrors.equalsIgnoreCase("false")) {
            return false;
        }
        if (mirrors.equalsIgnoreCase("true")) {
            return true;
        }
        throw new BadRequestException("mirrors", "mirrors must be true or false");
    }

    private static ModelAndView redirect(String url, HttpStatus status) {
        RedirectView view = new RedirectView(url, true);
        view.setExpandUriTemplateVariables(false);
        view.setStatusCode(status);
        return new ModelAndView(view);
    }

    private static ModelAndView notFound(String name) {
        ModelAndView page = new ModelAndView("dashboard/not-found");
        page.addObject("name", name.length() > 100 ? name.substring(0, 100) + "…" : name);
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }

}
