package uk.nhs.digitalmaturity.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.failure.DataTestFailure;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/** A table's .yml tests stop a bad table from being written, and say what is wrong. */
class DataTestsTest {
    private final SparkSession spark = SharedSpark.get();
    private static final String YML = """
            name: example
            description: test
            key: [year, status]
            columns:
              - {name: year, description: y, unit: year}
              - {name: status, description: s, unit: code, accepted_values: [MET, NOT_MET]}
              - {name: trusts, description: t, unit: count}
            tests:
              - "trusts >= 0"
            """;

    private Dataset<Row> rows(String values) {
        return spark.sql("SELECT * FROM VALUES " + values + " AS t(year, status, trusts)");
    }

    @Test
    void goodRowsPassAndAreCounted() {
        assertEquals(2, DataTests.check(ModelSpec.parse(YML, "x"), rows("('2019-20', 'MET', 3), ('2019-20', 'NOT_MET', 1)"), "t"));
    }

    @Test
    void eachKindOfBadRowIsNamed() {
        DataTestFailure failure = assertThrows(DataTestFailure.class, () -> DataTests.check(
                ModelSpec.parse(YML, "x"),
                rows("('2019-20', 'MET', 3), ('2019-20', 'MET', 1), ('2019-20', 'LATE', -1), (NULL, 'MET', 0)"), "reporting.example"));
        String m = failure.getMessage();
        assertTrue(m.contains("1 key(s) (year, status) appear more than once"), m);
        assertTrue(m.contains("status outside [MET, NOT_MET] in 1 row(s)"), m);
        assertTrue(m.contains("fails: trusts >= 0 in 1 row(s)"), m);
        assertTrue(m.contains("year is null in 1 row(s)"), m);
    }

    /**
     * The rows a table is about to be written from stay persisted through their tests: the write reads them
     * from memory instead of computing the table's query again (a temporary view, dropped after the tests,
     * used to uncache them).
     */
    @Test
    void testedRowsStayCachedForTheWrite() {
        Dataset<Row> rows = rows("('2019-20', 'MET', 3), ('2019-20', 'NOT_MET', 1)")
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            assertEquals(2, DataTests.check(ModelSpec.parse(YML, "x"), rows, "t"));
            assertTrue(spark.sharedState().cacheManager().lookupCachedData(rows).isDefined(),
                    "the tested rows were uncached");
        } finally {
            rows.unpersist();
        }
    }
}
