package uk.nhs.digitalmaturity.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import uk.nhs.digitalmaturity.contract.CsvFiles;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.model.OutputRecord;
import uk.nhs.digitalmaturity.runrecord.PublishedFile;
import uk.nhs.digitalmaturity.silver.RunContext;
import uk.nhs.digitalmaturity.storage.AtomicFolder;

/**
 * What a run may take unchanged from the pack the last good run left (in its own as-at date's folder, which is
 * yesterday's for a nightly run as at today): the CSV of each reporting table that run left exactly as this run
 * finds it, so that a new month of staff, which rebuilds three tables, does not read, sort and render the other
 * twenty-three again. A table's file holds its rows alone (the as-at date is in the manifest), so a file kept
 * from another date's pack has the bytes rendering would give.
 *
 * <p>A table's file is taken only when every one of these holds, so the bytes are the ones rendering would
 * give: the pack on disk names the last good run and this run's code version (its rendering and the tables'
 * .yml); this run found the table current and left it at the Delta version that run recorded (same contents);
 * the same holds for the CE+ results (so the leak scan's CE+ judgement of the table stands); and the file and
 * the data dictionary have the SHA-256 the manifest lists (nobody edited them). Anything else: the table is
 * read and rendered.
 */
public final class LastPack {
    /** The restricted table the leak scan compares published per-trust numbers with. */
    static final String CEPLUS = "restricted.ceplus_trust_results";
    private static final LastPack NONE = new LastPack(Map.of(), Map.of(), Map.of());

    private final Map<String, byte[]> csv;                      // table → its file's bytes, checked
    private final Map<String, Long> rows;                       // table → rows, as the manifest lists them
    private final Map<String, List<List<String>>> dictionary;   // table → its data-dictionary records

    private LastPack(Map<String, byte[]> csv, Map<String, Long> rows, Map<String, List<List<String>>> dictionary) {
        this.csv = csv;
        this.rows = rows;
        this.dictionary = dictionary;
    }

    /** Nothing to take: every table is read (a first run, a rebuild, another as-at date). */
    public static LastPack none() {
        return NONE;
    }

    /**
     * The files of the last good run's pack that this run may keep.
     *
     * @param lastRunId   the last good run, whose record {@code lastOutputs} is
     * @param lastAsAt    its as-at date, whose folder holds its pack (null: no last run)
     * @param lastOutputs the tables as that run left them (table → record)
     * @param outputs     the tables as this run leaves them
     */
    public static LastPack read(RunContext context, String lastRunId, LocalDate lastAsAt,
                                Map<String, OutputRecord> lastOutputs, List<OutputRecord> outputs) {
        if (lastAsAt == null) {
            return NONE;
        }
        // The last run's own folder: the night after, as at the next day, the run before wrote yesterday's.
        String folder = context.lakehouse().publicationPath(lastAsAt);
        Optional<Manifest> manifest = Manifest.read(context.spark().sparkContext().hadoopConfiguration(), folder);
        if (manifest.isEmpty() || !manifest.get().runId().equals(lastRunId)
                || !manifest.get().codeVersion().equals(context.codeVersion())) {
            return NONE;
        }
        Set<String> unchanged = new TreeSet<>();
        for (OutputRecord now : outputs) {
            OutputRecord then = lastOutputs.get(now.table());
            // Left alone by this run (found current) at the version the last run recorded. Not the fingerprint:
            // a month a table does not read changes it without changing the table.
            if (then != null && !now.recomputed() && then.deltaVersion() == now.deltaVersion()) {
                unchanged.add(now.table());
            }
        }
        if (!unchanged.contains(CEPLUS)) {
            return NONE;
        }
        Map<String, PublishedFile> listed = new HashMap<>();
        manifest.get().files().forEach(f -> listed.put(f.file(), f));
        try {
            FileSystem fs = AtomicFolder.fileSystem(context.spark(), folder);
            byte[] dictionaryBytes = checked(fs, folder, listed.get(PublicationPack.DICTIONARY));
            if (dictionaryBytes == null) {
                return NONE;
            }
            Map<String, List<List<String>>> records = byTable(dictionaryBytes);
            Map<String, byte[]> csv = new HashMap<>();
            Map<String, Long> rows = new HashMap<>();
            for (String table : unchanged) {
                String name = table.substring(table.indexOf('.') + 1);
                PublishedFile file = listed.get(name + ".csv");
                byte[] bytes = checked(fs, folder, file);
                if (bytes != null && file.rows() != null && records.containsKey(name)) {
                    csv.put(name, bytes);
                    rows.put(name, file.rows());
                }
            }
            return new LastPack(csv, rows, records);
        } catch (IOException e) {
            return NONE; // an unreadable old pack is no reason to fail: every table is read instead
        }
    }

    /** The file's bytes when the manifest lists it and they still have the SHA-256 it lists; else null. */
    private static byte[] checked(FileSystem fs, String folder, PublishedFile file) throws IOException {
        if (file == null) {
            return null;
        }
        Path path = new Path(folder, file.file());
        if (!fs.exists(path)) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = fs.open(path)) {
            bytes = in.readAllBytes();
        }
        return Sha256.hex(bytes).equals(file.sha256()) ? bytes : null;
    }

    /** The data dictionary's records (header left out), by table, in their order. */
    private static Map<String, List<List<String>>> byTable(byte[] dictionary) throws IOException {
        Map<String, List<List<String>>> byTable = new HashMap<>();
        try (var parser = CsvFiles.FORMAT.parse(new StringReader(new String(dictionary, CsvFiles.CHARSET)))) {
            boolean header = true;
            for (CSVRecord r : parser) {
                if (!header) {
                    List<String> values = new ArrayList<>();
                    r.forEach(values::add);
                    byTable.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(values);
                }
                header = false;
            }
        }
        return byTable;
    }

    /** True when the table's file is taken from the last pack, not read and rendered. */
    boolean keeps(String table) {
        return csv.containsKey(table);
    }

    byte[] csv(String table) {
        return Objects.requireNonNull(csv.get(table), table);
    }

    long rows(String table) {
        return rows.get(table);
    }

    List<List<String>> dictionary(String table) {
        return dictionary.get(table);
    }

    /** How many tables' files are kept. */
    public int kept() {
        return csv.size();
    }
}
