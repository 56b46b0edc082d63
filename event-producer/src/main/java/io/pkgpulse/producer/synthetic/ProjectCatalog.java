package io.pkgpulse.producer.synthetic;

/**
 * The {@link Project} of each rank, built on first use from a seed of its own (so a
 * project is the same whichever event first needs it) and kept: a long run touches most
 * of the tail, but each only once.
 */
final class ProjectCatalog {

    private final ProjectUniverse universe;

    private final long seed;

    private final Project[] projects;

    ProjectCatalog(ProjectUniverse universe, long seed) {
        this.universe = universe;
        this.seed = seed;
        this.projects = new Project[universe.size() + 1];
    }

    Project get(int rank) {
        Project project = projects[rank];
        if (project == null) {
            project = new Project(rank, universe.name(rank), universe.key(rank), universe.isBinary(rank),
                    Seeds.mix(seed, 1_000_000L + rank));
            projects[rank] = project;
        }
        return project;
    }

}
