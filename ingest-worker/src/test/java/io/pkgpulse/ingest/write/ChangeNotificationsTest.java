package io.pkgpulse.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.pkgpulse.ingest.ChangeListener;
import io.pkgpulse.testsupport.TestPostgres;

/**
 * The change notifications' payloads follow the contract, are split below PostgreSQL's
 * limit, and wait for commit.
 */
class ChangeNotificationsTest {

    static final LocalDate NOV_25 = LocalDate.parse("2026-11-25");
    static final LocalDate NOV_26 = LocalDate.parse("2026-11-26");

    @Test
    void aPayloadNamesEachDayNewestFirstWithItsPackagesInAscendingOrder() {
        TreeMap<LocalDate, TreeSet<Long>> changed = new TreeMap<>(
                Map.of(NOV_25, new TreeSet<>(Set.of(17L)), NOV_26, new TreeSet<>(Set.of(905L, 3L, 17L))));

        assertThat(ChangeNotifications.payloads(changed, ChangeNotifications.MAX_PAYLOAD_BYTES))
            .containsExactly("{\"days\":{\"2026-11-26\":[3,17,905],\"2026-11-25\":[17]}}");
    }

    @Test
    void nothingChangedNothingToSay() {
        assertThat(ChangeNotifications.payloads(new TreeMap<>(), ChangeNotifications.MAX_PAYLOAD_BYTES)).isEmpty();
    }

    @Test
    void aLargeChangeIsSplitIntoCompletePayloadsUnderTheLimitThatTogetherNameEveryPairOnce() {
        Random random = new Random(26);
        TreeMap<LocalDate, TreeSet<Long>> changed = new TreeMap<>();
        Set<String> expected = new HashSet<>();
        for (int d = 0; d < 4; d++) {
            LocalDate day = NOV_26.minusDays(d);
            TreeSet<Long> ids = new TreeSet<>();
            for (int i = 0; i < 3000; i++) {
                ids.add(1 + (long) random.nextInt(Integer.MAX_VALUE) * (1 + random.nextInt(1000)));
            }
            ids.add(Long.MAX_VALUE); // the widest id there is
            changed.put(day, ids);
            ids.forEach(id -> expected.add(day + "|" + id));
        }

        List<String> payloads = ChangeNotifications.payloads(changed, ChangeNotifications.MAX_PAYLOAD_BYTES);

        List<String> pairs = payloads.stream()
            .flatMap(payload -> ChangeListener.parse(payload)
                .entrySet()
                .stream()
                .flatMap(day -> day.getValue().stream().map(id -> day.getKey() + "|" + id)))
            .toList();
        assertThat(pairs).as("every pair, once").hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected);
        int total = payloads.stream().mapToInt(String::length).sum();
        assertThat(payloads).as("several, none nearly empty")
            .hasSizeBetween(2, total / 6900 + 1)
            .allSatisfy(payload -> assertThat(payload.length()).isLessThanOrEqualTo(7000));
    }

    @Test
    void aPayloadIsCutWhereTheNextIdWouldNotFit() {
        TreeMap<LocalDate, TreeSet<Long>> changed = new TreeMap<>(
                Map.of(NOV_25, new TreeSet<>(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L)), NOV_26,
                        new TreeSet<>(Set.of(100L, 200L))));

        // {"days":{"2026-11-26":[100,200],"2026-11-25":[1,2,3,4,5,6,7,8]}} is 64 bytes.
        assertThat(ChangeNotifications.payloads(changed, 64)).containsExactly(
                "{\"days\":{\"2026-11-26\":[100,200],\"2026-11-25\":[1,2,3,4,5,6,7,8]}}",
                "{\"days\":{\"2026-11-25\":[9,10,11]}}");
        assertThat(ChangeNotifications.payloads(changed, 63)).containsExactly(
                "{\"days\":{\"2026-11-26\":[100,200],\"2026-11-25\":[1,2,3,4,5,6,7]}}",
                "{\"days\":{\"2026-11-25\":[8,9,10,11]}}");
    }

    @Test
    void notificationsAreDeliveredOnCommitOnlyAndPostgresAcceptsEverySplitPayload() throws Exception {
        TreeMap<LocalDate, TreeSet<Long>> changed = new TreeMap<>();
        for (int d = 0; d < 2; d++) {
            TreeSet<Long> ids = new TreeSet<>();
            for (long id = 1_000_000_000L; id < 1_000_000_000L + 5000 * 50; id += 50) {
                ids.add(id);
            }
            changed.put(NOV_26.minusDays(d), ids);
        }
        try (ChangeListener listener = new ChangeListener(); Connection writer = TestPostgres.database().connect()) {
            writer.setAutoCommit(false);
            assertThat(ChangeNotifications.send(writer, changed)).isGreaterThan(1);
            writer.rollback();
            int sent = ChangeNotifications.send(writer, changed);
            assertThat(listener.receive(Duration.ofMillis(500))).as("before commit, and of a rolled-back one")
                .isEmpty();

            writer.commit();

            await().atMost(Duration.ofSeconds(10))
                .pollInSameThread()
                .untilAsserted(() -> assertThat(listener.receive(Duration.ofMillis(200))).hasSize(sent));
            assertThat(listener.named()).hasSize(10_000);
        }
    }

}
