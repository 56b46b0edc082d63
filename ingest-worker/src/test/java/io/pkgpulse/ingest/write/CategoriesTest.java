package io.pkgpulse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.pkgpulse.ingest.events.ValidEvent;
import io.pkgpulse.model.downloads.ClientProfile;
import io.pkgpulse.model.downloads.FileType;
import io.pkgpulse.model.rollups.Dimension;

/**
 * The category an event counts under in each rollup dimension, as pypistats names them.
 */
class CategoriesTest {

    final Categories categories = new Categories();

    @Test
    void aPipDownloadFromLinuxWithEverythingSaid() {
        ValidEvent event = event("3.12.1", "Linux", "pip", "DE", FileType.BDIST_WHEEL, false);

        assertThat(categories.of(Dimension.PYTHON_MAJOR, event)).isEqualTo("3");
        assertThat(categories.of(Dimension.PYTHON_MINOR, event)).isEqualTo("3.12");
        assertThat(categories.of(Dimension.SYSTEM, event)).isEqualTo("Linux");
        assertThat(categories.of(Dimension.INSTALLER, event)).isEqualTo("pip");
        assertThat(categories.of(Dimension.COUNTRY, event)).isEqualTo("DE");
        assertThat(categories.of(Dimension.FILE_TYPE, event)).isEqualTo("bdist_wheel");
        assertThat(categories.of(Dimension.CI, event)).isEqualTo("false");
    }

    /**
     * What the event does not say counts under {@code null}, the category's name, not SQL
     * NULL.
     */
    @Test
    void anEventThatSaysNothingCountsUnderNullEverywhereButItsFileType() {
        ValidEvent event = event(null, null, null, null, FileType.SDIST, null);

        for (Dimension dimension : Dimension.values()) {
            assertThat(categories.of(dimension, event)).as(dimension.name())
                .isEqualTo(dimension == Dimension.FILE_TYPE ? "sdist" : Categories.UNKNOWN);
        }
        assertThat(Categories.UNKNOWN).isEqualTo("null");
    }

    @ParameterizedTest
    @CsvSource({ "Linux, Linux", "Windows, Windows", "Darwin, Darwin", "FreeBSD, other", "linux, other", "'', other" })
    void systemsOtherThanTheThreePypistatsNamesAreOther(String system, String category) {
        assertThat(categories.of(Dimension.SYSTEM, event(null, system, null, null, FileType.SDIST, null)))
            .isEqualTo(category);
    }

    @ParameterizedTest
    @CsvSource({ "3.12.1, 3, 3.12", "3.12rc1, 3, 3.12", "2.7, 2, 2.7", "3, 3, null", "3., 3, null", "10.0.1, 10, 10.0",
            "pypy, null, null", "'', null, null", ".3.1, null, null" })
    void pythonVersionsSplitIntoMajorAndMinor(String python, String major, String minor) {
        ValidEvent event = event(python, null, null, null, FileType.SDIST, null);

        assertThat(categories.of(Dimension.PYTHON_MAJOR, event)).isEqualTo(major);
        assertThat(categories.of(Dimension.PYTHON_MINOR, event)).isEqualTo(minor);
    }

    @Test
    void ciIsTrueFalseOrNull() {
        assertThat(categories.of(Dimension.CI, event(null, null, null, null, FileType.SDIST, true))).isEqualTo("true");
        assertThat(categories.of(Dimension.CI, event(null, null, null, null, FileType.SDIST, false)))
            .isEqualTo("false");
        assertThat(categories.of(Dimension.CI, event(null, null, null, null, FileType.SDIST, null))).isEqualTo("null");
    }

    @Test
    void everyFileTypeCountsUnderItsPypiName() {
        for (FileType type : FileType.values()) {
            assertThat(categories.of(Dimension.FILE_TYPE, event(null, null, null, null, type, null)))
                .isEqualTo(type.pypiName());
        }
    }

    static ValidEvent event(String python, String system, String installer, String country, FileType type, Boolean ci) {
        ClientProfile.Fields client = new ClientProfile.Fields(installer, null, python, null, null, system, null, null,
                null, null, null, null, null, ci, null);
        return new ValidEvent(Instant.parse("2026-05-26T10:00:00Z"), "six", "six", "1.16.0", type, client, country,
                null, false, null);
    }

}
