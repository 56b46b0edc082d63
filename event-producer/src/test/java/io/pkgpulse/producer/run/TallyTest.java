package io.pkgpulse.producer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void countsGoodEventsPerProjectAndBadOnesByKind() {
        Tally tally = new Tally();
        tally.count(RecordKind.GOOD, 1);
        tally.count(RecordKind.GOOD, 5000);
        tally.count(RecordKind.GOOD, 5000);
        tally.count(RecordKind.BOT, 1);
        tally.count(RecordKind.INVALID_JSON, 1);
        tally.count(RecordKind.NOT_JSON_OBJECT, -1);

        assertThat(tally.total()).isEqualTo(6);
        assertThat(tally.bad()).isEqualTo(2);
        assertThat(tally.distinctGoodProjects()).isEqualTo(2);
        assertThat(tally.goodPerProject(id -> "p" + id)).containsExactly(Map.entry("p5000", 2L), Map.entry("p1", 1L));
    }

}
