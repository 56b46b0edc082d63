package io.pkgpulse.reporting.live;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a live event says (its {@code data}), and what the package page starts from: a
 * package's (or all packages') numbers as they are now, never a delta, so a client that
 * missed events loses nothing. Names are spelled out, so that every JSON mapper writes
 * the same document. docs/api.md describes it.
 *
 * @param packageName normalized name, or {@code __all__}
 * @param day the current UTC day
 * @param today downloads on {@code day} so far
 * @param hour the start of the current UTC hour
 * @param thisHour downloads in that hour so far
 * @param hours the last {@value LiveQueries#HOURS} hours, {@code hour} last
 * @param versions per version, without mirrors, in the last
 * {@value LiveQueries#VERSION_HOURS} hours; null for all packages
 * @param hidden whether the package is private now (or gone); not sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LiveSnapshot(@JsonProperty("package") String packageName, @JsonProperty("day") LocalDate day,
        @JsonProperty("today") Counts today, @JsonProperty("hour") Instant hour,
        @JsonProperty("this_hour") Counts thisHour, @JsonProperty("hours") Hours hours,
        @JsonProperty("versions") Versions versions, @JsonIgnore boolean hidden) {

    public record Counts(@JsonProperty("with_mirrors") long withMirrors,
            @JsonProperty("without_mirrors") long withoutMirrors) {
    }

    /**
     * Downloads per hour from {@code first} on, one value per hour, 0 for hours without
     * downloads.
     */
    public record Hours(@JsonProperty("first") Instant first, @JsonProperty("with_mirrors") long[] withMirrors,
            @JsonProperty("without_mirrors") long[] withoutMirrors) {
    }

    /**
     * The newest versions with downloads in these hours, newest first (at most
     * {@value LiveQueries#VERSIONS}, so that the event stays small; older versions'
     * downloads are the hour's total without mirrors minus these).
     *
     * @param downloads one row per hour from {@code first} on, one value per name
     */
    public record Versions(@JsonProperty("first") Instant first, @JsonProperty("names") List<String> names,
            @JsonProperty("downloads") long[][] downloads) {
    }
}
