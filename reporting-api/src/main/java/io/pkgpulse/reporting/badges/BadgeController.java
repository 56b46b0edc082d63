package io.pkgpulse.reporting.badges;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.pkgpulse.reporting.packages.PackageAccess;
import io.pkgpulse.reporting.packages.VisiblePackage;
import io.pkgpulse.reporting.stats.RecentPeriod;
import io.pkgpulse.reporting.stats.StatsQueries;
import io.pkgpulse.reporting.web.BadRequestException;

/**
 * Download badges for READMEs: {@code /badge/{package}.svg?period=total|month|week|day}, with an optional
 * {@code label} and {@code color} (a shields.io colour name or hex). Counts are without mirrors, like pypistats'
 * recent downloads; month, week and day end yesterday (UTC), total is all time.
 */
@RestController
class BadgeController {

    static final MediaType SVG = MediaType.valueOf("image/svg+xml;charset=utf-8");
    private static final int MAX_LABEL = 64;

    private final PackageAccess packages;
    private final StatsQueries queries;
    private final Clock clock;

    BadgeController(PackageAccess packages, StatsQueries queries, Clock clock) {
        this.packages = packages;
        this.queries = queries;
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
        long downloads;
        String value;
        if (recent == null) {
            downloads = queries.totals(pkg.id()).get("without_mirrors");
            value = BadgeSvg.human(downloads);
        }
        else {
            downloads = queries.sum(pkg.id(), recent.range(LocalDate.now(clock)), false);
            value = BadgeSvg.human(downloads) + "/" + recent.key();
        }
        CacheControl cache = CacheControl.maxAge(Duration.ofMinutes(5));
        return ResponseEntity.ok().contentType(SVG)
                .cacheControl(pkg.isPrivate() ? cache.cachePrivate() : cache.cachePublic())
                .body(BadgeSvg.render(label == null ? "downloads" : label, value, colour));
    }
}
