package uk.nhs.digitalmaturity.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import uk.nhs.digitalmaturity.contract.CsvFiles;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.contract.Zone;
import uk.nhs.digitalmaturity.model.Model;
import uk.nhs.digitalmaturity.model.ModelSpec;
import uk.nhs.digitalmaturity.silver.RunContext;
import uk.nhs.digitalmaturity.storage.FewAtATime;
import uk.nhs.digitalmaturity.storage.AtomicFolder;

/**
 * {@code publication/<as-at>/}: one CSV per reporting table, rounded as the report publishes, columns in the
 * table's order, rows in a stable sort, UTF-8 with a header and LF line ends; a data dictionary; and a
 * manifest with every file's SHA-256, the run id and the code version. Nothing in it depends on the clock,
 * so the same inputs and parameters give the same bytes.
 */
public class PublicationPack {
    private final RunContext context;

    public PublicationPack(RunContext context) {
        this.context = context;
    }

    /** The data dictionary's file name. */
    static final String DICTIONARY = "data-dictionary.csv";

    /**
     * The pack for the run's as-at date, rendered but not written: the tables read for it and the tables whose
     * files were taken from the last pack (qualified name → file), both for the leak scan, and every file's
     * bytes, manifest last.
     */
    public record Rendered(Map<String, LeakScan.Table> tables, Map<String, String> kept, Map<String, byte[]> files) {
    }

    /** Reads every reporting table and renders every file of the pack. */
    public Rendered render(List<Model> models) {
        return render(models, LastPack.none());
    }

    /**
     * Renders every file of the pack, reading only the reporting tables whose files {@code last} does not
     * keep: a kept table's CSV, row count and data-dictionary records are those of the last pack, which are
     * the bytes rendering it again would give (see {@link LastPack}).
     */
    public Rendered render(List<Model> models, LastPack last) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<List<String>> dictionary = new ArrayList<>();
        List<Model> reporting = models.stream().filter(m -> m.zone() == Zone.REPORTING)
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        Map<String, LeakScan.Table> loaded = load(reporting.stream().filter(m -> !last.keeps(m.name())).toList());
        Map<String, LeakScan.Table> tables = new LinkedHashMap<>();
        Map<String, String> kept = new LinkedHashMap<>();
        for (Model model : reporting) {
            String file = model.name() + ".csv";
            if (last.keeps(model.name())) {
                kept.put(model.qualifiedName(), file);
                files.put(file, last.csv(model.name()));
                rowCounts.put(file, last.rows(model.name()));
                dictionary.addAll(last.dictionary(model.name()));
                continue;
            }
            LeakScan.Table table = loaded.get(model.name());
            tables.put(model.qualifiedName(), table);
            List<Row> rows = table.rows();
            files.put(file, csv(model.spec(), rows));
            rowCounts.put(file, (long) rows.size());
            // The table's own row first (column empty): its description, population, national row and caveats.
            dictionary.add(List.of(model.name(), "", "table", "", "", model.spec().fullDescription(),
                    model.spec().paragraph == null ? "" : model.spec().paragraph));
            for (ModelSpec.ColumnSpec c : model.spec().columns) {
                StructField field = table.schema().apply(c.name);
                dictionary.add(List.of(model.name(), c.name, field.dataType().simpleString(),
                        c.unit().spelling(), Rounding.forUnit(c.unit()).rule(), c.description.trim(),
                        model.spec().paragraph == null ? "" : model.spec().paragraph));
            }
        }
        files.put(DICTIONARY, text(List.of("table", "column", "type", "unit", "publication_rounding",
                "definition", "source"), dictionary));
        Map<String, String> hashes = new LinkedHashMap<>();
        files.forEach((name, bytes) -> hashes.put(name, Sha256.hex(bytes)));
        files.put(Manifest.FILE, manifest(hashes, rowCounts));
        return new Rendered(tables, kept, files);
    }

    /**
     * A reporting table as read for the pack: its schema and its rows in the pack's order (the table's columns
     * only, in the .yml's order).
     */
    private Map<String, LeakScan.Table> load(List<Model> reporting) {
        Map<String, java.util.function.Supplier<LeakScan.Table>> reads = new LinkedHashMap<>();
        for (Model model : reporting) {
            reads.put(model.name(), () -> {
                Dataset<Row> table = context.spark().read().format("delta")
                        .load(context.lakehouse().tablePath(Zone.REPORTING, model.name()));
                Dataset<Row> ordered = sorted(table, model.spec());
                return new LeakScan.Table(ordered.schema(), ordered.collectAsList());
            });
        }
        return FewAtATime.read(reads);
    }

    /** Order columns, then key columns, then every column: a total order, so the same rows give the same file. */
    static Dataset<Row> sorted(Dataset<Row> table, ModelSpec spec) {
        List<Column> order = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (List<String> group : List.of(spec.order, spec.key, spec.columnNames())) {
            for (String c : group) {
                if (!seen.contains(c)) {
                    seen.add(c);
                    order.add(table.col(c).asc_nulls_first());
                }
            }
        }
        return table.select(spec.columnNames().stream().map(table::col).toArray(Column[]::new))
                .orderBy(order.toArray(Column[]::new));
    }

    private static byte[] csv(ModelSpec spec, List<Row> rows) {
        List<Rounding> rounding = spec.columns.stream().map(c -> Rounding.forUnit(c.unit())).toList();
        List<List<String>> records = new ArrayList<>();
        for (Row row : rows) {
            List<String> record = new ArrayList<>();
            for (int i = 0; i < rounding.size(); i++) {
                record.add(rounding.get(i).format(row.get(i)));
            }
            records.add(record);
        }
        return text(spec.columnNames(), records);
    }

    private static byte[] text(List<String> header, List<List<String>> records) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CsvFiles.FORMAT)) {
            printer.printRecord(header);
            for (List<String> r : records) {
                printer.printRecord(r);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(CsvFiles.CHARSET);
    }

    private byte[] manifest(Map<String, String> hashes, Map<String, Long> rowCounts) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("run_id", context.runId());
        root.put("as_at", context.asAt().toString());
        root.put("code_version", context.codeVersion());
        root.put("parameters", String.join(";", context.config().describe(context.asAt()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        ArrayNode list = root.putArray("files");
        hashes.forEach((name, sha) -> {
            ObjectNode f = list.addObject();
            f.put("file", name);
            f.put("sha256", sha);
            if (rowCounts.containsKey(name)) {
                f.put("rows", rowCounts.get(name));
            }
        });
        try {
            return (json.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How the pack on disk differs from what was rendered and scanned (empty when it is the same): a file
     * missing, with other bytes, or not rendered at all. What the leak scan judged is what readers get.
     */
    public List<String> differencesOnDisk(Rendered pack) {
        String folder = context.lakehouse().publicationPath(context.asAt());
        List<String> differences = new ArrayList<>();
        try {
            org.apache.hadoop.fs.FileSystem fs = AtomicFolder.fileSystem(context.spark(), folder);
            java.util.Set<String> onDisk = new java.util.TreeSet<>();
            for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(new org.apache.hadoop.fs.Path(folder))) {
                onDisk.add(f.getPath().getName());
            }
            for (Map.Entry<String, byte[]> file : pack.files().entrySet()) {
                if (!onDisk.remove(file.getKey())) {
                    differences.add(file.getKey() + ": missing");
                    continue;
                }
                byte[] written;
                try (java.io.InputStream in = fs.open(new org.apache.hadoop.fs.Path(folder, file.getKey()))) {
                    written = in.readAllBytes();
                }
                if (!java.util.Arrays.equals(written, file.getValue())) {
                    differences.add(file.getKey() + ": not the bytes scanned");
                }
            }
            onDisk.forEach(name -> differences.add(name + ": not part of the pack"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back publication pack " + folder + ": " + e.getMessage(), e);
        }
        return differences;
    }

    /** The whole pack at once (see {@link AtomicFolder}): readers never see half a pack. */
    public void write(Rendered pack) {
        Map<String, byte[]> files = pack.files();
        String target = context.lakehouse().publicationPath(context.asAt());
        try {
            AtomicFolder.replace(context.spark(), target, context.runId(), files);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write publication pack " + target + ": " + e.getMessage(), e);
        }
    }
}
