package io.pkgpulse.producer.synthetic;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import io.pkgpulse.names.ProjectNames;

/**
 * The projects a synthetic stream downloads, by popularity rank: the real
 * {@link PopularProjects} first, then generated names. Names are unique after
 * normalisation, as on PyPI: a generated name whose normal form is taken gets a numeric
 * suffix. All names are made up front (a few milliseconds for 50,000) so uniqueness can
 * be checked.
 */
public final class ProjectUniverse {

    private final String[] names;

    private final String[] keys;

    private final boolean[] binary;

    public ProjectUniverse(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("the universe needs at least one project: " + size);
        }
        names = new String[size + 1];
        keys = new String[size + 1];
        binary = new boolean[size + 1];
        Set<String> taken = new HashSet<>(size * 2);
        List<PopularProjects.Popular> popular = PopularProjects.ALL;
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, 1));
        ProjectNameGenerator generator = new ProjectNameGenerator(random);
        for (int rank = 1; rank <= size; rank++) {
            String name;
            if (rank <= popular.size()) {
                name = popular.get(rank - 1).name();
                binary[rank] = popular.get(rank - 1).binary();
            }
            else {
                name = generator.next();
                binary[rank] = random.nextInt(100) < 20;
            }
            if (taken.contains(ProjectNames.normalize(name))) {
                name = name + "-" + rank;
            }
            names[rank] = name;
            keys[rank] = ProjectNames.normalize(name);
            taken.add(keys[rank]);
        }
    }

    public int size() {
        return names.length - 1;
    }

    /** The name as spelled, of the project at {@code rank} (1-based). */
    public String name(int rank) {
        return names[rank];
    }

    /** The PEP 503 normal form of the name: the Kafka key. */
    public String key(int rank) {
        return keys[rank];
    }

    /**
     * Whether the project publishes platform-specific wheels rather than one pure-Python
     * wheel.
     */
    boolean isBinary(int rank) {
        return binary[rank];
    }

}
