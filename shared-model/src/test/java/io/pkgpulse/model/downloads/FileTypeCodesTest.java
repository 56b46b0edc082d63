package io.pkgpulse.model.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import io.pkgpulse.model.ModelIntegrationTest;

/**
 * Raw rows and archives store file types as codes: Java's codes must be the ones the
 * file_types table names.
 */
@ModelIntegrationTest
class FileTypeCodesTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCodesAreTheFileTypesTable() {
        assertThat(Arrays.stream(FileType.values()).map(type -> type.code() + " " + type.pypiName()))
            .containsExactlyElementsOf(
                    jdbc.queryForList("SELECT code || ' ' || name FROM file_types ORDER BY code", String.class));
        for (FileType type : FileType.values()) {
            assertThat(FileType.fromCode(type.code())).contains(type);
        }
        assertThat(FileType.fromCode(0)).isEmpty();
        assertThat(FileType.fromCode(9)).isEmpty();
    }

}
