package dev.stepline.sfn.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

    @Test
    void quotedFieldsKeepDelimitersLineBreaksAndDoubledQuotes() {
        assertThat(CsvRows.parse("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",\n\n", ','))
                .containsExactly(List.of("a", "b"), List.of("x, y", "say \"hi\""), List.of("multi\nline", ""));
    }

    @Test
    void otherDelimitersAndNoTrailingNewline() {
        assertThat(CsvRows.parse("1|2\n3|4", '|')).containsExactly(List.of("1", "2"), List.of("3", "4"));
        assertThat(CsvRows.parse("", ',')).isEmpty();
    }
}
