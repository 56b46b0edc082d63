package io.pkgpulse.reporting.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/** Writes {@link CsvTable} responses as RFC 4180 CSV with a header line. */
public class CsvMessageConverter extends AbstractHttpMessageConverter<CsvTable> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    public CsvMessageConverter() {
        super(TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return CsvTable.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected CsvTable readInternal(Class<? extends CsvTable> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is an output format only", input);
    }

    @Override
    protected void writeInternal(CsvTable table, HttpOutputMessage output) throws IOException {
        Writer writer = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
        line(writer, List.copyOf(table.csvHeader()));
        for (List<Object> row : table.csvRows()) {
            line(writer, row);
        }
        writer.flush();
    }

    private static void line(Writer writer, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(escape(cells.get(i) == null ? "" : cells.get(i).toString()));
        }
        writer.write("\r\n");
    }

    /**
     * Quotes a cell that needs it; a leading =, +, - or @ is prefixed with ' so
     * spreadsheets do not run it.
     */
    static String escape(String cell) {
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?\\d+") ? "'" + cell
                : cell;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

}
