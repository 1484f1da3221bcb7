package uk.nhs.digitalmaturity.pipeline;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.model.Model;
import uk.nhs.digitalmaturity.model.OutputRecord;
import uk.nhs.digitalmaturity.runrecord.PublishedFile;
import uk.nhs.digitalmaturity.storage.Lakehouse;

/**
 * A recomputed publication pack against the one a run published, file by file by SHA-256. Where a table's file
 * differs, the table as the run left it (Delta time travel to the version it recorded) is compared row by row
 * with the recomputed one, and the first keys that differ are named: reporting tables hold no restricted value,
 * so their keys (organisation code, year, theme) can be shown.
 */
final class PackComparison {
    /** How many keys a difference names: enough to find the rows, few enough to read. */
    static final int KEYS_SHOWN = 5;

    /** One published file: identical, or what differs. */
    record FileOutcome(String file, boolean identical, String difference) {
    }

    private final SparkSession spark;
    private final Map<String, Model> reporting = new LinkedHashMap<>();

    PackComparison(SparkSession spark, List<Model> models) {
        this.spark = spark;
        models.stream().filter(m -> m.zone() == Zone.REPORTING).forEach(m -> reporting.put(m.name() + ".csv", m));
    }

    /**
     * Every file the run published, in its manifest's order, then any file only the recomputation wrote.
     *
     * @param published  the run's files as {@code ops.runs} recorded them
     * @param recomputed the scratch pack's files
     * @param outputs    the tables the run recorded, with their Delta versions
     */
    List<FileOutcome> compare(List<PublishedFile> published, List<PublishedFile> recomputed, Lakehouse original,
                              List<OutputRecord> outputs, Lakehouse scratch) {
        Map<String, PublishedFile> again = new LinkedHashMap<>();
        recomputed.forEach(f -> again.put(f.file(), f));
        List<FileOutcome> outcomes = new ArrayList<>();
        for (PublishedFile f : published) {
            PublishedFile r = again.remove(f.file());
            if (r == null) {
                outcomes.add(new FileOutcome(f.file(), false, "published, but not written by the recomputation"));
            } else if (r.sha256().equals(f.sha256())) {
                outcomes.add(new FileOutcome(f.file(), true, ""));
            } else {
                outcomes.add(new FileOutcome(f.file(), false, explain(f, r, original, outputs, scratch)));
            }
        }
        again.keySet().forEach(name -> outcomes.add(new FileOutcome(name, false,
                "written by the recomputation, but not published by the run")));
        return outcomes;
    }

    /** Why a file differs: the rows of its table, or (rows equal) its formatting. */
    private String explain(PublishedFile published, PublishedFile recomputed, Lakehouse original,
                           List<OutputRecord> outputs, Lakehouse scratch) {
        String sha = "SHA-256 " + published.sha256().substring(0, 12) + "… published, "
                + recomputed.sha256().substring(0, 12) + "… recomputed";
        Model model = reporting.get(published.file());
        if (model == null) {
            return sha;
        }
        Optional<OutputRecord> left = outputs.stream().filter(o -> o.table().equals(model.qualifiedName())).findFirst();
        if (left.isEmpty()) {
            return sha + "; the run recorded no Delta version of " + model.qualifiedName() + " to compare rows with";
        }
        List<String> columns = model.spec().columnNames();
        Column[] select = columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
        Dataset<Row> asPublished = spark.read().format("delta").option("versionAsOf", left.get().deltaVersion())
                .load(original.tablePath(Zone.REPORTING, model.name())).select(select);
        Dataset<Row> asRecomputed = spark.read().format("delta")
                .load(scratch.tablePath(Zone.REPORTING, model.name())).select(select);
        Dataset<Row> onlyPublished = asPublished.exceptAll(asRecomputed);
        Dataset<Row> onlyRecomputed = asRecomputed.exceptAll(asPublished);
        long gone = onlyPublished.count();
        long added = onlyRecomputed.count();
        if (gone == 0 && added == 0) {
            return model.qualifiedName() + ": rows identical, the CSV differs (" + sha + "): its rounding or "
                    + "formatting changed";
        }
        List<String> key = model.spec().key.isEmpty() ? columns : model.spec().key;
        Column[] keyColumns = key.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
        List<String> keys = new ArrayList<>();
        for (Row r : onlyPublished.select(keyColumns).union(onlyRecomputed.select(keyColumns)).distinct()
                .orderBy(keyColumns).limit(KEYS_SHOWN).collectAsList()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
                parts.add(key.get(i) + "=" + r.get(i));
            }
            keys.add("(" + String.join(", ", parts) + ")");
        }
        return model.qualifiedName() + ": " + gone + " row(s) as published and not recomputed, " + added
                + " recomputed and not published; first keys " + String.join(" ", keys);
    }
}
