package io.pkgpulse.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pkgpulse.reporting.stats.DateRange;
import io.pkgpulse.reporting.stats.Series.Row;

/**
 * How rollup rows become the package page's charts and tables, and the small helpers of
 * the pages.
 */
class DashboardChartTest {

    static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    static final DateRange THREE_DAYS = new DateRange(DAY, DAY.plusDays(2));

    @Test
    void everyDayOfTheRangeIsThereWithZerosForDaysWithoutDownloads() {
        Chart.Dataset daily = Chart.single("Downloads",
                List.of(new Row("without_mirrors", DAY, 5), new Row("without_mirrors", DAY.plusDays(2), 7)),
                THREE_DAYS);

        assertThat(Chart.labels(THREE_DAYS)).containsExactly("2026-03-01", "2026-03-02", "2026-03-03");
        assertThat(daily.data()).containsExactly(5, 0, 7);
        assertThat(daily.total()).isEqualTo(12);
    }

    @Test
    void theLargestCategoriesAreChartedAndTheRestSummedIntoOneOtherDataset() {
        List<Row> rows = List.of(new Row("1.0", DAY, 1), new Row("2.0", DAY, 50), new Row("3.0", DAY, 30),
                new Row("3.0", DAY.plusDays(1), 30), new Row("4.0", DAY.plusDays(2), 2), new Row("null", DAY, 40));

        List<Chart.Dataset> datasets = Chart.byCategory(rows, THREE_DAYS, 3, "versions");

        assertThat(datasets).extracting(Chart.Dataset::label)
            .containsExactly("3.0", "2.0", "unknown", "All other versions (2)");
        assertThat(datasets.get(0).data()).containsExactly(30, 30, 0);
        assertThat(datasets.get(3).data()).containsExactly(1, 0, 2);
        assertThat(datasets.get(3).other()).isTrue();
        assertThat(Chart.byCategory(rows, THREE_DAYS, 5, "versions")).hasSize(5).noneMatch(Chart.Dataset::other);
    }

    @Test
    void tableRowsAreTheDaysWithDownloadsFormattedWithADayTotalWhenThereAreSeveralDatasets() {
        Chart chart = new Chart("versions", "By version", "", "bar", true, "", Chart.labels(THREE_DAYS), Chart
            .byCategory(
                    List.of(new Row("1.0", DAY, 1500), new Row("2.0", DAY, 2500), new Row("2.0", DAY.plusDays(2), 1)),
                    THREE_DAYS, 8, "versions"));

        assertThat(chart.rows()).containsExactly(new Chart.TableRow("2026-03-01", List.of("2,500", "1,500", "4,000")),
                new Chart.TableRow("2026-03-03", List.of("1", "0", "1")));
        assertThat(chart.totals()).containsExactly("2,501", "1,500", "4,001");
        assertThat(Chart.format(1234567890123L)).isEqualTo("1,234,567,890,123");
        assertThat(Chart.format(-1000)).isEqualTo("-1,000");
        assertThat(Chart.format(999)).isEqualTo("999");
    }

    @Test
    void embeddedJsonCannotCloseTheScriptElement() {
        String json = ScriptJson.write(List.of("</script><!-- & \u2028"));

        assertThat(json).isEqualTo("[\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\"]");
    }

    @Test
    void freshnessIsSaidInWords() {
        assertThat(Freshness.ago(Duration.ofMillis(300))).isEqualTo("just now");
        assertThat(Freshness.ago(Duration.ofSeconds(-5))).isEqualTo("just now");
        assertThat(Freshness.ago(Duration.ofSeconds(4))).isEqualTo("4 s ago");
        assertThat(Freshness.ago(Duration.ofSeconds(125))).isEqualTo("2 min ago");
        assertThat(Freshness.ago(Duration.ofHours(5))).isEqualTo("5 h ago");
        assertThat(Freshness.ago(Duration.ofDays(3))).isEqualTo("3 days ago");

        Instant now = Instant.parse("2026-03-03T12:00:00Z");
        Freshness stale = new Freshness(now.minus(Duration.ofMinutes(11)), DAY, now, DAY.plusDays(2));
        assertThat(stale.stale()).isTrue();
        assertThat(stale.newestDayAgo()).isEqualTo("2 days ago");
        assertThat(new Freshness(null, null, now, DAY).nothingIngested()).isTrue();
    }

}
