package io.pkgpulse.reporting.packages;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What is known about a package: its spelling, description, license, releases in version
 * order and maintainers. A maintainer's e-mail address is included only for the caller's
 * own entry.
 */
record PackageMetadata(@JsonProperty("package") String pkg, String name, String summary, String homePage,
        License license, @JsonProperty("private") boolean isPrivate, Instant createdAt, List<Release> releases,
        List<Maintainer> maintainers) {

    public record License(String shortName, String name) {
    }

    public record Release(String version, boolean prerelease, Instant createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Maintainer(String name, String role, String email) {
    }
}
