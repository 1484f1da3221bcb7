package uk.nhs.digitalmaturity.landing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.commons.csv.CSVPrinter;
import uk.nhs.digitalmaturity.contract.CsvFiles;

/**
 * One landing file being written row by row in the contract's CSV form ({@link CsvFiles}): the header first,
 * then rows as wide as the header. Rows are streamed, so a file of national volume is never held in memory.
 * Close it to finish the file.
 */
public final class LandingTable implements AutoCloseable {
    private final String name;
    private final int width;
    private final boolean temporary;
    private final FileChannel channel;
    private final CSVPrinter printer;
    private final LongConsumer finished;
    private long rows;

    /**
     * @param name      how messages name the file (its path below the landing root)
     * @param temporary a temporary file that will be linked into place: it must not exist yet, and its bytes must
     *                  be on disk before it becomes visible, so {@link #close} forces them there; otherwise the file
     *                  is created or overwritten where it stands
     * @param finished  told the number of data rows once the file is complete
     */
    LandingTable(Path file, String name, List<String> header, boolean temporary, LongConsumer finished) {
        this.name = name;
        this.width = header.size();
        this.temporary = temporary;
        this.finished = finished;
        try {
            channel = temporary
                    ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE);
            printer = new CSVPrinter(new BufferedWriter(
                    new OutputStreamWriter(Channels.newOutputStream(channel), CsvFiles.CHARSET), 1 << 16),
                    CsvFiles.FORMAT);
            printer.printRecord(header);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + name, e);
        }
    }

    public void row(String... values) {
        if (values.length != width) {
            throw new IllegalArgumentException(name + ": row has " + values.length + " fields, header " + width);
        }
        try {
            printer.printRecord((Object[]) values);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }

    public void row(List<String> values) {
        row(values.toArray(new String[0]));
    }

    @Override
    public void close() {
        try (CSVPrinter closing = printer) {
            closing.flush();
            if (temporary) {
                channel.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + name, e);
        }
        finished.accept(rows);
    }
}
