package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.common.TextParsingException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * A Spark task that fails with a message quoting row content (as the CSV parser's does) prints nothing of it on
 * the console: Spark's and Delta's loggers that would print the task's exception are off (log4j2.properties),
 * and the console appender follows System.err, so what they would print is captured here.
 */
class SparkTaskFailureLogTest {
    private static final String PERSON = "P9876543";

    @TempDir
    Path temp;

    private static final MapFunction<Long, Long> PARSER_FAILS = id -> {
        throw new TextParsingException(null, "Length of parsed input (65537) exceeds the maximum. Parsed content: "
                + "RAA,2018-12," + PERSON + ",A7654321");
    };

    @Test
    void aFailedTaskOfAQueryAndOfADeltaWritePrintsNoRowContent() {
        SparkSession spark = SharedSpark.get();
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream captured = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(captured);
            Exception query = assertThrows(Exception.class,
                    () -> spark.range(3).as(Encoders.LONG()).map(PARSER_FAILS, Encoders.LONG()).collectAsList());
            assertTrue(String.valueOf(query.getMessage()).contains(PERSON), "the exception does carry it");
            assertThrows(Exception.class, () -> spark.range(3).as(Encoders.LONG()).map(PARSER_FAILS, Encoders.LONG())
                    .write().format("delta").save(temp.resolve("t").toString()));
        } finally {
            System.setErr(realErr);
        }
        String printed = err.toString(StandardCharsets.UTF_8);
        realErr.print(printed);
        assertFalse(printed.contains(PERSON), printed);
        assertFalse(printed.contains("Parsed content"), printed);
    }
}
