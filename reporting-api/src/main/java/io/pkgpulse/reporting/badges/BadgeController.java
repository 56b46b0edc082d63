package io.pkgpulse.reporting.badges;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pkgpulse.reporting.cache.AnswerScope;
import io.pkgpulse.reporting.cache.HttpCaching;
import io.pkgpulse.reporting.packages.PackageAccess;
import io.pkgpulse.reporting.packages.VisiblePackage;
import io.pkgpulse.reporting.problems.BadRequestException;
import io.pkgpulse.reporting.stats.DateRange;
import io.pkgpulse.reporting.stats.RecentPeriod;
import io.pkgpulse.reporting.stats.StatsQueries;

/**
 * Download badges for READMEs: {@code /badge/{package}.svg?period=total|month|week|day},
 * with an optional {@code label} and {@code color} (a shields.io colour name or hex).
 * Counts are without mirrors, like pypistats' recent downloads; month, week and day end
 * yesterday (UTC), total is all time. Caching headers follow {@link HttpCaching}: a total
 * is revalidated every time, a period is cached until midnight at most.
 */
@RestController
class BadgeController {

    static final MediaType SVG = MediaType.valueOf("image/svg+xml;charset=utf-8");

    private static final int MAX_LABEL = 64;

    private final PackageAccess packages;

    private final StatsQueries queries;

    private final HttpCaching caching;

    private final Clock clock;

    BadgeController(PackageAccess packages, StatsQueries queries, HttpCaching caching, Clock clock) {
        this.packages = packages;
        this.queries = queries;
        this.caching = caching;
        this.clock = clock;
    }

    @GetMapping(path = "/badge/{package}.svg", produces = "image/svg+xml")
    ResponseEntity<String> badge(@PathVariable("package") String name,
            @RequestParam(defaultValue = "month") String period, @RequestParam(required = false) String label,
            @RequestParam(required = false) String color) {
        RecentPeriod recent = period.equals("total") ? null : RecentPeriod.of(period)
            .orElseThrow(() -> new BadRequestException("period", "period must be total, month, week or day"));
        if (label != null && label.length() > MAX_LABEL) {
            throw new BadRequestException("label", "label must be at most " + MAX_LABEL + " characters");
        }
        String colour = color == null ? BadgeSvg.COLOURS.get("blue") : BadgeSvg.colour(color);
        if (colour == null) {
            throw new BadRequestException("color", "color must be a colour name such as brightgreen, or hex like 4c1");
        }
        VisiblePackage pkg = packages.require(name);
        String text = label == null ? "downloads" : label;
        if (recent == null) {
            return svg(caching.respond(AnswerScope.allTime(pkg.id()), pkg.isPrivate(), false, () -> BadgeSvg
                .render(text, BadgeSvg.human(queries.totals(pkg.id()).get("without_mirrors")), colour)));
        }
        DateRange range = recent.range(LocalDate.now(clock));
        return svg(caching.respond(new AnswerScope(pkg.id(), range.start(), range.end()), pkg.isPrivate(), true,
                () -> BadgeSvg.render(text, BadgeSvg.human(queries.sum(pkg.id(), range, false)) + "/" + recent.key(),
                        colour)));
    }

    /** The badge as SVG; a 304 has no body, so no type either. */
    private static ResponseEntity<String> svg(ResponseEntity<String> answer) {
        if (!answer.getStatusCode().is2xxSuccessful()) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode())
            .headers(answer.getHeaders())
            .contentType(SVG)
            .body(answer.getBody());
    }

}
