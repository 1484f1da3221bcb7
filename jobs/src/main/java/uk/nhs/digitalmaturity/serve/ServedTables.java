package uk.nhs.digitalmaturity.serve;

import org.apache.hadoop.fs.Path;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.runrecord.RunLedger;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * The Delta tables the endpoint may read: every table directly under {@code <lakehouse>/reporting/}, and the
 * run history {@code <lakehouse>/ops/runs} behind the {@code audit} views. Nothing else: not {@code restricted},
 * not {@code bronze}, not another folder reached by a path query, however the path is spelt.
 */
public final class ServedTables {
    /** The Spark setting (fixed when the process starts; a session cannot change it) naming the lakehouse. */
    public static final String LAKEHOUSE_SETTING = "spark.nhsdigital.served.lakehouse";

    private final Path reporting;
    private final Path runs;

    public ServedTables(Lakehouse lakehouse) {
        this.reporting = normal(new Path(lakehouse.root() + "/" + Zone.REPORTING.database()));
        this.runs = normal(new Path(lakehouse.tablePath(Zone.OPS, RunLedger.TABLE)));
    }

    /** True for the root folder of a served table. */
    public boolean serves(Path tableRoot) {
        Path table = normal(tableRoot);
        return table.equals(runs) || reporting.equals(table.getParent());
    }

    /** True for a file in a served table's {@code _delta_log} folder (commits, checkpoints, sidecars). */
    public boolean servesLogFile(Path file) {
        for (Path p = normal(file).getParent(); p != null; p = p.getParent()) {
            if ("_delta_log".equals(p.getName())) {
                return p.getParent() != null && serves(p.getParent());
            }
        }
        return false;
    }

    /** {@code a/reporting/../restricted/t} is {@code a/restricted/t}: compare paths as the file system sees them. */
    private static Path normal(Path path) {
        return new Path(path.toUri().normalize());
    }
}
