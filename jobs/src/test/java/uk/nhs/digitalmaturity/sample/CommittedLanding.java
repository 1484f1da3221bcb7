package uk.nhs.digitalmaturity.sample;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import uk.nhs.digitalmaturity.testing.Repo;

/**
 * Reads a landing zone the way the extract contract describes it, independently of the generator: snapshots
 * dated on or before an as-at date, column names matched case-insensitively, and the latest snapshot winning per
 * natural key.
 */
final class CommittedLanding {
    static final String EVERYTHING = "2026-11-24";

    /** A row with its snapshot date; columns by lower-case name. */
    record Row(String snapshot, Map<String, String> values) {
        String get(String column) {
            String v = values.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
            }
            return v;
        }

        boolean has(String column) {
            return values.containsKey(column);
        }
    }

    private final Path root;

    CommittedLanding(Path root) {
        this.root = root;
    }

    static CommittedLanding committedSample() {
        return new CommittedLanding(Repo.sampleData());
    }

    Path root() {
        return root;
    }

    /** Snapshot dates of a source, ascending. */
    List<String> snapshots(String source) {
        try (Stream<Path> dirs = Files.list(root.resolve(source))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Snapshots of a source that contain the file, ascending. */
    List<String> snapshotsWith(String source, String file) {
        return snapshots(source).stream().filter(s -> Files.exists(root.resolve(source).resolve(s).resolve(file)))
                .toList();
    }

    /** Every row of every snapshot dated on or before {@code asAt}, oldest snapshot first. */
    List<Row> rows(String source, String file, String asAt) {
        List<Row> rows = new ArrayList<>();
        for (String snapshot : snapshotsWith(source, file)) {
            if (snapshot.compareTo(asAt) > 0) {
                continue;
            }
            rows.addAll(read(root.resolve(source).resolve(snapshot).resolve(file), snapshot));
        }
        return rows;
    }

    List<Row> rows(String source, String file) {
        return rows(source, file, EVERYTHING);
    }

    /** The latest snapshot's row per natural key (later snapshots supersede earlier ones key by key). */
    List<Row> latestAsAt(String source, String file, String asAt, String... key) {
        Map<String, Row> byKey = new TreeMap<>();
        for (Row r : rows(source, file, asAt)) {
            StringBuilder k = new StringBuilder();
            for (String column : key) {
                k.append(r.get(column)).append('\u0001');
            }
            byKey.put(k.toString(), r); // rows arrive oldest snapshot first
        }
        return new ArrayList<>(byKey.values());
    }

    List<Row> latest(String source, String file, String... key) {
        return latestAsAt(source, file, EVERYTHING, key);
    }

    static List<Row> read(Path file, String snapshot) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
        List<Row> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> names = parser.getHeaderNames().stream()
                    .map(h -> h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT)).toList();
            for (CSVRecord record : parser) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    values.put(names.get(i), record.get(i));
                }
                rows.add(new Row(snapshot, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }
}
