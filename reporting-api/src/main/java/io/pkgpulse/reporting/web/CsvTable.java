package io.pkgpulse.reporting.web;

import java.util.List;

/**
 * A response that also reads as a CSV table ({@code Accept: text/csv} or
 * {@code ?format=csv}).
 */
public interface CsvTable {

    List<String> csvHeader();

    List<List<Object>> csvRows();

}
