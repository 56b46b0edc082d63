package io.pkgpulse.reporting.packages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the package page may show of a package's description: links only to http(s), the
 * license in one line.
 */
class PackageDetailsTest {

    @Test
    void onlyHttpHomePagesBecomeLinks() {
        assertThat(homePage("https://example.org/x").safeHomePage()).isEqualTo("https://example.org/x");
        assertThat(homePage("javascript:alert(1)").safeHomePage()).isNull();
        assertThat(homePage("JavaScript://example.org/%0aalert(1)").safeHomePage()).isNull();
        assertThat(homePage("not a url").safeHomePage()).isNull();
        assertThat(new PackageDetails(null, null, null, null, "MIT", "MIT License").license())
            .isEqualTo("MIT License (MIT)");
    }

    private static PackageDetails homePage(String url) {
        return new PackageDetails(null, null, url, null, null, null);
    }

}
