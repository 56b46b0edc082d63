package io.pkgpulse.ingest.partitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.pkgpulse.model.downloads.DownloadPartitions;
import io.pkgpulse.testsupport.TestInfrastructure;

@SpringBootTest
@Import(TestInfrastructure.class)
class PartitionMaintenanceTest {

    @Autowired
    DownloadPartitions partitions;

    @Autowired
    PartitionMaintenance maintenance;

    @Autowired
    Clock clock;

    @Test
    void atStartUpTheWorkerHasCreatedPartitionsFromYesterdayToAWeekAhead() {
        LocalDate today = LocalDate.now(clock);

        assertThat(partitions.days()).contains(today.minusDays(1), today, today.plusDays(7));
    }

    @Test
    void daysOlderThanTheRawRetentionAreDropped() {
        LocalDate today = LocalDate.now(clock);
        LocalDate expired = today.minusDays(181);
        LocalDate kept = today.minusDays(180);
        partitions.create(expired, kept);

        maintenance.maintain();

        assertThat(partitions.days()).doesNotContain(expired).contains(kept, today.plusDays(7));
    }
}
