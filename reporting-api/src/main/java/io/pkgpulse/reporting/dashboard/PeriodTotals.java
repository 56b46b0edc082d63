package io.pkgpulse.reporting.dashboard;

import java.time.LocalDate;

/**
 * Downloads over all packages in a period, both days included. Public only for the
 * templates.
 */
public record PeriodTotals(String period, LocalDate from, LocalDate to, long withMirrors, long withoutMirrors) {
}
