package uk.nhs.digitalmaturity.publish;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.contract.CsvFiles;

/**
 * One table written to one file a person named, for {@code export --run}: every row and column as stored, not
 * rounded (the pack rounds; an auditor re-checking it needs the stored values). CSV is written as the pack
 * writes it ({@link CsvFiles}: RFC 4180, UTF-8, LF, a header; values as {@link Rounding#AS_IS} prints them) with
 * rows sorted by every column in the table's order, so the same table version gives the same bytes. Parquet is
 * one file, not Spark's folder of parts. Either is written beside the target under a hidden name and renamed
 * into place, so a failed export leaves no half file under the name asked for.
 */
public final class TableExport {
    private final SparkSession spark;

    public TableExport(SparkSession spark) {
        this.spark = spark;
    }

    /** Whether something is at {@code out} already. */
    public boolean exists(String out) throws IOException {
        Path path = qualified(out);
        return fs(path).exists(path);
    }

    /** Writes {@code table} as CSV to {@code out} (replacing a file there). */
    public void csv(Dataset<Row> table, String out) throws IOException {
        Path target = qualified(out);
        FileSystem fs = fs(target);
        Path staged = staged(target);
        try (Writer writer = new OutputStreamWriter(fs.create(staged, false), CsvFiles.CHARSET);
             CSVPrinter csv = new CSVPrinter(writer, CsvFiles.FORMAT)) {
            csv.printRecord((Object[]) table.columns());
            for (Row row : sorted(table).collectAsList()) {
                List<String> record = new ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    record.add(Rounding.AS_IS.format(row.get(i)));
                }
                csv.printRecord(record);
            }
        } catch (IOException | RuntimeException e) {
            fs.delete(staged, false);
            throw e;
        }
        moveInto(fs, staged, target);
    }

    /** Writes {@code table} as one Parquet file at {@code out} (replacing a file there). */
    public void parquet(Dataset<Row> table, String out) throws IOException {
        Path target = qualified(out);
        FileSystem fs = fs(target);
        Path folder = staged(target);
        try {
            Dataset<Row> one = sorted(table).coalesce(1);
            one.write().parquet(folder.toString());
            Path part = null;
            for (FileStatus f : fs.listStatus(folder)) {
                String name = f.getPath().getName();
                if (name.startsWith("part-") && name.endsWith(".parquet")) {
                    if (part != null) {
                        throw new IllegalStateException("Spark wrote more than one Parquet file in " + folder);
                    }
                    part = f.getPath();
                }
            }
            if (part == null) {
                throw new IllegalStateException("Spark wrote no Parquet file in " + folder);
            }
            moveInto(fs, part, target);
        } finally {
            fs.delete(folder, true);
        }
    }

    /** Every column in the table's order: a total order, so equal tables give equal files. */
    private static Dataset<Row> sorted(Dataset<Row> table) {
        List<Column> order = new ArrayList<>();
        for (String c : table.columns()) {
            order.add(table.col("`" + c.replace("`", "``") + "`").asc_nulls_first());
        }
        return table.orderBy(order.toArray(Column[]::new));
    }

    /** A hidden name beside the target, unique to this export. */
    private static Path staged(Path target) {
        return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    }

    /** The caller has decided a file already there may go (the command's --force). */
    private static void moveInto(FileSystem fs, Path from, Path target) throws IOException {
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(from, target)) {
            throw new IOException("cannot move " + from + " to " + target);
        }
    }

    /** A relative name is relative to the working folder, as the user meant it (and has a parent folder). */
    private Path qualified(String out) throws IOException {
        Path path = new Path(out);
        return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(path);
    }

    /** On a local disk, the raw file system: no {@code .crc} file beside what the user asked for. */
    private FileSystem fs(Path path) throws IOException {
        FileSystem found = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        return found instanceof ChecksumFileSystem local ? local.getRawFileSystem() : found;
    }
}
