package io.pkgpulse.ingest.write;

import java.time.Instant;
import java.util.List;

import io.pkgpulse.ingest.events.RejectReason;

/**
 * A batch after {@link EventIds}: the events to write with their ids, the events that
 * could not be resolved (to be dead-lettered), and what the batch moves of history
 * imports.
 *
 * @param <S> where an event came from (a Kafka record), so a rejection can be traced back
 * to it
 */
public final class ResolvedBatch<S> {

    /**
     * An event whose package or release is not registered (and the policy says not to
     * register it).
     */
    public record Unresolved<S>(S source, RejectReason reason, String detail) {
    }

    private final List<ResolvedEvent> events;

    private final List<Unresolved<S>> unresolved;

    private final long repeatedImportLines;

    private final List<HistoryImports.Advance> importAdvances;

    private final Instant resolvedAt;

    ResolvedBatch(List<ResolvedEvent> events, List<Unresolved<S>> unresolved, long repeatedImportLines,
            List<HistoryImports.Advance> importAdvances, Instant resolvedAt) {
        this.events = events;
        this.unresolved = unresolved;
        this.repeatedImportLines = repeatedImportLines;
        this.importAdvances = importAdvances;
        this.resolvedAt = resolvedAt;
    }

    /** The events to count, in their order. */
    public List<ResolvedEvent> events() {
        return events;
    }

    /** The events to reject, in their order. */
    public List<Unresolved<S>> unresolved() {
        return unresolved;
    }

    /** History-import lines counted by an earlier batch, which this one skips. */
    public long repeatedImportLines() {
        return repeatedImportLines;
    }

    List<HistoryImports.Advance> importAdvances() {
        return importAdvances;
    }

    /**
     * The clock reading the batch's retention cuts are taken at: which events keep a raw
     * row was decided with it, so the writer takes the hourly cut at the same instant, as
     * when both were taken in one place.
     */
    Instant resolvedAt() {
        return resolvedAt;
    }

}
