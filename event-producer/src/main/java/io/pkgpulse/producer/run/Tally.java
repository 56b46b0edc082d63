package io.pkgpulse.producer.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Counts events by kind, and good events by project, as they are handed to the sink.
 * Projects are counted by a small integer id (the synthetic rank, or an id the replay
 * assigns) in a plain array: this runs for every event. Used by the sending thread only.
 */
public final class Tally {

    private final long[] byKind = new long[RecordKind.values().length];

    private long[] goodByProject = new long[1024];

    private final Map<Long, long[]> goodByProjectDay = new HashMap<>();

    /**
     * @param projectId the project's id for {@link RecordKind#GOOD} events (ignored
     * otherwise); negative for none
     */
    public void count(RecordKind kind, int projectId) {
        count(kind, projectId, -1);
    }

    /**
     * Also counts good events per project and UTC day when {@code epochDay} is known (not
     * negative).
     */
    public void count(RecordKind kind, int projectId, long epochDay) {
        if (kind == RecordKind.GOOD && projectId >= 0 && epochDay >= 0) {
            goodByProjectDay.computeIfAbsent(((long) projectId << 32) | epochDay, k -> new long[1])[0]++;
        }
        byKind[kind.ordinal()]++;
        if (kind == RecordKind.GOOD && projectId >= 0) {
            if (projectId >= goodByProject.length) {
                goodByProject = Arrays.copyOf(goodByProject, Math.max(projectId + 1, goodByProject.length * 2));
            }
            goodByProject[projectId]++;
        }
    }

    public long count(RecordKind kind) {
        return byKind[kind.ordinal()];
    }

    /** Every event counted. */
    public long total() {
        return Arrays.stream(byKind).sum();
    }

    /** Events the worker dead-letters. */
    public long bad() {
        long bad = 0;
        for (RecordKind kind : RecordKind.values()) {
            if (kind.isBad()) {
                bad += count(kind);
            }
        }
        return bad;
    }

    /**
     * Good events per project and UTC day, keyed {@code "name|YYYY-MM-DD"}; empty when
     * days were not counted (replays).
     */
    public Map<String, Long> goodPerProjectDay(IntFunction<String> names) {
        Map<String, Long> perDay = new TreeMap<>();
        goodByProjectDay.forEach((key, n) -> perDay
            .put(names.apply((int) (key >>> 32)) + "|" + LocalDate.ofEpochDay(key & 0xFFFFFFFFL), n[0]));
        return perDay;
    }

    /** Projects with at least one good event. */
    public int distinctGoodProjects() {
        int distinct = 0;
        for (long n : goodByProject) {
            if (n > 0) {
                distinct++;
            }
        }
        return distinct;
    }

    /**
     * Good events per project, most downloaded first (then by name).
     * @param names the normalised name of a project id
     */
    public Map<String, Long> goodPerProject(IntFunction<String> names) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        for (int id = 0; id < goodByProject.length; id++) {
            if (goodByProject[id] > 0) {
                entries.add(Map.entry(names.apply(id), goodByProject[id]));
            }
        }
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> perProject = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : entries) {
            perProject.merge(entry.getKey(), entry.getValue(), Long::sum);
        }
        return perProject;
    }

}
