package uk.nhs.digitalmaturity.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.storage.DeltaTables;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * Everything ingest wrote for some landing files (their bronze rows, restricted rows and staff summary, their
 * quarantined rows, their ledger entries), copied from one lakehouse into an empty one: the lakehouse a run would
 * have seen had those been the only files ever delivered. Bronze keeps every row of every file it ingested, so
 * this works after the landing zone has been purged. {@code verify} recomputes a run on such a copy.
 */
public final class BronzeCopy {
    private final SparkSession spark;

    public BronzeCopy(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * Copies the rows of {@code files} (landing paths as recorded) into {@code to}, which holds no table yet; returns
     * the tables written. Each is one commit creating the table from the rows (a table the source lakehouse never
     * made is left for the run to create, empty); the run's own preparation then adds what a bare copy lacks.
     */
    public List<String> copy(Lakehouse from, Lakehouse to, List<String> files) {
        List<Table> tables = new ArrayList<>();
        for (Source source : Source.values()) {
            tables.add(new Table(source.zone(), source.table(), BronzeSchema.SOURCE_FILE));
        }
        tables.add(new Table(Zone.RESTRICTED, StaffFteSummary.TABLE, BronzeSchema.SOURCE_FILE));
        tables.add(new Table(Zone.RESTRICTED, QuarantineTable.TABLE, "source_file"));
        tables.add(new Table(Zone.OPS, IngestLedger.TABLE, "source_file"));
        List<String> written = new ArrayList<>();
        for (Table t : tables) {
            String source = from.tablePath(t.zone(), t.name());
            if (DeltaTables.exists(spark, source)) { // else a source this lakehouse never received
                spark.read().format("delta").load(source).where(col(t.fileColumn()).isin(files.toArray()))
                        .write().format("delta").mode("errorifexists").save(to.tablePath(t.zone(), t.name()));
                written.add(t.zone().database() + "." + t.name());
            }
        }
        return written;
    }

    /** A table ingest writes, and its column naming the landing file a row came from. */
    private record Table(Zone zone, String name, String fileColumn) {
    }
}
