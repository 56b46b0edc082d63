package io.pkgpulse.model.archive;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one archiving pass over the days past retention did.
 *
 * @param archived days written to their file and dropped
 * @param failed days whose archive could not be written (or checked), with why; their
 * partitions stay
 * @param loaded days past retention kept because their archive was loaded back
 * @param unconfigured days past retention kept because no archive directory is set
 */
public record ArchiveRun(List<LocalDate> archived, Map<LocalDate, String> failed, List<LocalDate> loaded,
        List<LocalDate> unconfigured) {

    /** Days past retention that are still in the database although they should not be. */
    public int overdue() {
        return failed.size() + unconfigured.size();
    }
}
