package io.pkgpulse.producer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.pkgpulse.names.ProjectNames;
import io.pkgpulse.producer.replay.Pep440;

class ProjectUniverseTest {

    private final ProjectUniverse universe = new ProjectUniverse(50_000, 42);

    @Test
    void theHeadIsRealPopularProjects() {
        assertThat(universe.name(1)).isEqualTo("boto3");
        assertThat(universe.name(4)).isEqualTo("requests");
        assertThat(universe.key(15)).isEqualTo("pyyaml");
        assertThat(universe.name(15)).isEqualTo("PyYAML");
    }

    @Test
    void namesAreValidAndUniqueOnceNormalised() {
        Set<String> keys = new HashSet<>();
        int mixedCase = 0;
        int dotted = 0;
        int underscored = 0;
        for (int rank = 1; rank <= universe.size(); rank++) {
            String name = universe.name(rank);
            assertThat(ProjectNames.isValid(name)).as(name).isTrue();
            assertThat(universe.key(rank)).isEqualTo(ProjectNames.normalize(name));
            assertThat(keys.add(universe.key(rank))).as("unique: %s", name).isTrue();
            mixedCase += name.equals(universe.key(rank)) ? 0 : 1;
            dotted += name.contains(".") ? 1 : 0;
            underscored += name.contains("_") ? 1 : 0;
        }
        // Normalisation matters for a good share of names, not just a few.
        assertThat(mixedCase).isGreaterThan(universe.size() / 5);
        assertThat(dotted).isGreaterThan(universe.size() / 20);
        assertThat(underscored).isGreaterThan(universe.size() / 20);
    }

    @Test
    void theSameSeedGivesTheSameNames() {
        ProjectUniverse again = new ProjectUniverse(50_000, 42);
        ProjectUniverse other = new ProjectUniverse(50_000, 43);
        assertThat(again.name(40_000)).isEqualTo(universe.name(40_000));
        assertThat(other.name(40_000)).isNotEqualTo(universe.name(40_000));
    }

    @Test
    void versionHistoriesAreDistinctPep440VersionsWithAFewPrereleases() {
        SplittableRandom random = new SplittableRandom(1);
        int prereleases = 0;
        int total = 0;
        for (int i = 0; i < 2_000; i++) {
            int count = 1 + random.nextInt(40);
            var versions = VersionHistory.generate(random, count);
            assertThat(versions).hasSize(count).doesNotHaveDuplicates();
            for (String version : versions) {
                assertThat(Pep440.isValid(version)).as(version).isTrue();
                prereleases += VersionHistory.isPrerelease(version) ? 1 : 0;
                total++;
            }
        }
        assertThat(prereleases).isBetween(total / 100, total / 8);
    }

}
