package uk.nhs.digitalmaturity.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import uk.nhs.digitalmaturity.contract.CsvFiles;
import uk.nhs.digitalmaturity.contract.Source;

/**
 * Writes landing files {@code <root>/<source>/<snapshot>/<file>} as RFC 4180 CSV: UTF-8 without a byte-order mark,
 * one header row, LF line endings, fields quoted only when they must be. Keeps a record of what it wrote.
 */
final class LandingWriter {
    private final Path root;
    private final List<WrittenFile> written = Collections.synchronizedList(new ArrayList<>());

    LandingWriter(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** A table with the contract's header, to fill row by row; close it to finish the file. */
    Table table(Source source, LocalDate snapshot) {
        return table(source, snapshot, source.header());
    }

    /** A table with a header of its own (extra columns, another order), to fill row by row. */
    Table table(Source source, LocalDate snapshot, List<String> header) {
        return new Table(source.landingPath(snapshot), header);
    }

    /** Writes a whole table with the contract's header at once. */
    void write(Source source, LocalDate snapshot, List<List<String>> rows) {
        try (Table table = table(source, snapshot)) {
            for (List<String> row : rows) {
                table.row(row);
            }
        }
    }

    /** Opens a raw output stream for hand-formatted files (national volumes); call {@link #record} when done. */
    OutputStream rawStream(Source source, LocalDate snapshot) {
        String relativePath = source.landingPath(snapshot);
        try {
            Path target = root.resolve(relativePath);
            Files.createDirectories(target.getParent());
            return Files.newOutputStream(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + relativePath, e);
        }
    }

    void record(Source source, LocalDate snapshot, long rows) {
        record(source.landingPath(snapshot), rows);
    }

    private void record(String relativePath, long rows) {
        try {
            written.add(new WrittenFile(relativePath, rows, Files.size(root.resolve(relativePath))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything written so far, in path order. */
    List<WrittenFile> written() {
        synchronized (written) {
            List<WrittenFile> copy = new ArrayList<>(written);
            copy.sort(Comparator.comparing(WrittenFile::path));
            return copy;
        }
    }

    final class Table implements AutoCloseable {
        private final String path;
        private final int width;
        private final CSVPrinter printer;
        private long rows;

        private Table(String path, List<String> header) {
            this.path = path;
            this.width = header.size();
            try {
                Path target = root.resolve(path);
                Files.createDirectories(target.getParent());
                BufferedWriter out = new BufferedWriter(
                        new OutputStreamWriter(Files.newOutputStream(target), CsvFiles.CHARSET), 1 << 16);
                printer = new CSVPrinter(out, CsvFiles.FORMAT);
                printer.printRecord(header);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + path, e);
            }
        }

        void row(String... values) {
            if (values.length != width) {
                throw new IllegalArgumentException(path + ": row has " + values.length + " fields, header " + width);
            }
            try {
                printer.printRecord((Object[]) values);
                rows++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
        }

        void row(List<String> values) {
            row(values.toArray(new String[0]));
        }

        @Override
        public void close() {
            try {
                printer.close(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + path, e);
            }
            record(path, rows);
        }
    }
}
