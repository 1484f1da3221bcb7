package uk.nhs.digitalmaturity.serve;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/** Which folders the endpoint may read, however a path query spells them. */
class ServedTablesTest {
    private final ServedTables served = new ServedTables(new Lakehouse("file:/data/lakehouse"));

    @Test
    void servesEachReportingTableAndTheRunHistory() {
        assertTrue(served.serves(new Path("file:/data/lakehouse/reporting/dspt_summary")));
        assertTrue(served.serves(new Path("file:/data/lakehouse/reporting/dspt_summary/")));
        assertTrue(served.serves(new Path("file:/data/lakehouse/ops/runs")));
    }

    @Test
    void servesNothingElse() {
        assertFalse(served.serves(new Path("file:/data/lakehouse/restricted/workforce_staff")));
        assertFalse(served.serves(new Path("file:/data/lakehouse/bronze/finance_returns")));
        assertFalse(served.serves(new Path("file:/data/lakehouse/ops/ingested_files")));
        assertFalse(served.serves(new Path("file:/data/lakehouse/reporting")));
        // A table nested deeper, or a reporting folder of another lakehouse, is not a served table.
        assertFalse(served.serves(new Path("file:/data/lakehouse/reporting/dspt_summary/part")));
        assertFalse(served.serves(new Path("file:/other/lakehouse/reporting/dspt_summary")));
        assertFalse(served.serves(new Path("hdfs://nn/data/lakehouse/reporting/dspt_summary")));
    }

    @Test
    void dotDotIsResolvedBeforeTheFolderIsJudged() {
        assertFalse(served.serves(new Path("file:/data/lakehouse/reporting/../restricted/workforce_staff")));
        assertFalse(served.serves(new Path("file:/data/lakehouse/reporting/x/../../restricted/ceplus_results")));
        assertTrue(served.serves(new Path("file:/data/lakehouse/restricted/../reporting/dspt_summary")));
    }

    @Test
    void aLogFileIsServedOnlyWithItsTable() {
        assertTrue(served.servesLogFile(new Path("file:/data/lakehouse/reporting/dspt_summary/_delta_log/"
                + "00000000000000000003.json")));
        assertTrue(served.servesLogFile(new Path("file:/data/lakehouse/ops/runs/_delta_log/"
                + "00000000000000000010.checkpoint.parquet")));
        assertFalse(served.servesLogFile(new Path("file:/data/lakehouse/restricted/workforce_staff/_delta_log/"
                + "00000000000000000000.json")));
        assertFalse(served.servesLogFile(new Path("file:/data/lakehouse/reporting/dspt_summary/part-0.parquet")));
    }
}
