package io.pkgpulse.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsLinesAcrossBufferBoundaries() {
        String longLine = "x".repeat(200_000);
        String input = "first\r\n\n" + longLine + "\nlast without newline";
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        LineReader reader = new LineReader(new ByteArrayInputStream(bytes), bytes.length);

        List<String> lines = new ArrayList<>();
        byte[] line;
        while ((line = reader.next()) != null) {
            lines.add(new String(line, StandardCharsets.UTF_8));
        }

        assertThat(lines).containsExactly("first", "", longLine, "last without newline");
        assertThat(reader.bytesRead()).isEqualTo(bytes.length);
    }

}
