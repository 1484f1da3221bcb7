package uk.nhs.digitalmaturity.landing;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import uk.nhs.digitalmaturity.contract.Sha256;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/**
 * Lists the landing zone's files in the contract's layout and checksums each one. Read through Hadoop's
 * file system API so that the same code reads a local folder, HDFS or an object store.
 *
 * <p>A snapshot folder holds contract files only: {@code <file>.csv} (any case, as suppliers name them) or the
 * same gzip-compressed as {@code <file>.csv.gz} (read through Hadoop's codecs, like Spark reads it; the
 * checksum is over the file's bytes as delivered). Any other file there stops the run naming it, so that
 * nothing delivered is silently ignored, except hidden ones (a name starting with {@code .} or {@code _}:
 * {@code .DS_Store}, {@code _SUCCESS}, the landing writer's temporary files).
 */
public class LandingZone {
    /** Longest header line read; no contract header is near it, and a longer one is not a header. */
    public static final int MAX_LINE_CHARS = 1 << 20;
    private static final String GZIP = ".gz";

    private final Path root;
    private final FileSystem fs;
    private final CompressionCodecFactory codecs;

    public LandingZone(String root, Configuration hadoop) {
        try {
            this.root = new Path(root);
            this.fs = this.root.getFileSystem(hadoop);
            this.codecs = new CompressionCodecFactory(hadoop);
            if (!fs.exists(this.root)) {
                throw new ContractViolation("landing zone " + root + " does not exist");
            }
        } catch (IOException e) {
            throw new ContractViolation("cannot open landing zone " + root + ": " + e.getMessage(), e);
        }
    }

    /** What an earlier run recorded of a file: with the same size and modification time, the same checksum. */
    public record Checksum(long bytes, long modifiedMillis, String sha256) {
    }

    /** Every file as at the date, each one read to checksum it. */
    public List<LandingFile> filesAsAt(LocalDate asAt) {
        return filesAsAt(asAt, Map.of());
    }

    /**
     * Every landing file whose snapshot is on or before {@code asAt}, sorted in ingestion order. Files of
     * later snapshots are not read at all: a run as at an earlier date must not see them.
     *
     * <p>A file listed in {@code known} with the same size and modification time keeps its recorded SHA-256
     * instead of being read again (the rule make and rsync use): a national landing zone is gigabytes, and a
     * nightly run must not read them all to learn that nothing changed. Any rewrite of a file changes its
     * modification time, so it is read and checked; {@code run --verify-checksums} reads every file anyway.
     */
    public List<LandingFile> filesAsAt(LocalDate asAt, Map<String, Checksum> known) {
        List<LandingFile> files = new ArrayList<>();
        try {
            for (FileStatus sourceDir : fs.listStatus(root)) {
                String folder = sourceDir.getPath().getName();
                if (!sourceDir.isDirectory() || !Source.isSourceFolder(folder)) {
                    continue; // README, PROVENANCE and folders of other feeds are not ours to read
                }
                for (FileStatus snapshotDir : fs.listStatus(sourceDir.getPath())) {
                    String name = snapshotDir.getPath().getName();
                    if (hidden(name)) {
                        continue;
                    }
                    if (!snapshotDir.isDirectory()) {
                        throw new ContractViolation(folder + "/" + name + ": not in a snapshot folder (landing files"
                                + " go in " + folder + "/YYYY-MM-DD/)");
                    }
                    LocalDate snapshot = snapshotDate(folder, name);
                    if (snapshot.isAfter(asAt)) {
                        continue;
                    }
                    List<LandingFile> ofSnapshot = new ArrayList<>();
                    for (FileStatus file : fs.listStatus(snapshotDir.getPath())) {
                        landingFile(folder, snapshot, file, known).ifPresent(ofSnapshot::add);
                    }
                    refuseTwice(ofSnapshot);
                    files.addAll(ofSnapshot);
                }
            }
        } catch (IOException e) {
            throw new ContractViolation("cannot list landing zone " + root + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    private Optional<LandingFile> landingFile(String folder, LocalDate snapshot, FileStatus file,
                                              Map<String, Checksum> known) throws IOException {
        String name = file.getPath().getName();
        if (file.isDirectory() || hidden(name)) {
            return Optional.empty();
        }
        String relative = folder + "/" + snapshot + "/" + name;
        // Only a lower-case .gz: Hadoop's codecs (and so Spark) decompress by that exact suffix.
        String csvName = name.endsWith(GZIP) ? name.substring(0, name.length() - GZIP.length()) : name;
        Source source = Source.forFile(folder, csvName).orElseThrow(() -> new ContractViolation(
                relative + ": not a file of the extract contract (expected one of "
                        + expectedFiles(folder) + ", each as .csv or gzip-compressed .csv.gz; names starting"
                        + " with . or _ are ignored)"));
        Checksum seen = known.get(relative);
        String sha256 = seen != null && seen.bytes() == file.getLen() && seen.modifiedMillis() == file.getModificationTime()
                ? seen.sha256() : sha256(file.getPath(), relative);
        return Optional.of(new LandingFile(source, snapshot, relative, file.getPath().toString(),
                file.getLen(), file.getModificationTime(), sha256));
    }

    /** Hidden files, by the convention of file managers (.DS_Store) and of Hadoop jobs (_SUCCESS). */
    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** One snapshot delivers each contract file once: as .csv and .csv.gz (or in two cases) it would load twice. */
    private static void refuseTwice(List<LandingFile> ofSnapshot) {
        Map<Source, LandingFile> seen = new java.util.EnumMap<>(Source.class);
        for (LandingFile file : ofSnapshot) {
            LandingFile other = seen.putIfAbsent(file.source(), file);
            if (other != null) {
                String[] both = {other.relativePath(), file.relativePath()};
                java.util.Arrays.sort(both);
                throw new ContractViolation(both[1] + ": delivers " + file.source().fileName() + " a second time in"
                        + " this snapshot (also " + both[0] + "); deliver each file once per snapshot");
            }
        }
    }

    private static String expectedFiles(String folder) {
        return String.join(", ", java.util.Arrays.stream(Source.values())
                .filter(s -> s.folder().equals(folder)).map(Source::fileName).toList());
    }

    private static LocalDate snapshotDate(String folder, String name) {
        try {
            return LocalDate.parse(name);
        } catch (DateTimeParseException e) {
            throw new ContractViolation(folder + "/" + name + ": snapshot folders must be named YYYY-MM-DD");
        }
    }

    private String sha256(Path path, String relative) {
        try (InputStream in = fs.open(path)) {
            return Sha256.hex(in);
        } catch (IOException e) {
            throw new ContractViolation(relative + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The first line of a file (its header), without a UTF-8 byte-order mark, decompressed if the file is.
     * A file with nothing but a byte-order mark and line ends has no header; a header that is not UTF-8 or is
     * longer than {@link #MAX_LINE_CHARS} is refused; the message never quotes the line.
     */
    public String headerLine(LandingFile file) {
        String relative = file.relativePath();
        try (java.io.Reader reader = new java.io.BufferedReader(new java.io.InputStreamReader(open(file),
                java.nio.charset.StandardCharsets.UTF_8))) {
            StringBuilder line = new StringBuilder();
            int c = reader.read();
            if (c == '\uFEFF') {
                c = reader.read();
            }
            for (; c != -1 && c != '\n' && c != '\r'; c = reader.read()) {
                if (line.length() == MAX_LINE_CHARS) {
                    throw new ContractViolation(String.format("%s: row 1 (header): longer than %,d characters,"
                            + " not a header", relative, MAX_LINE_CHARS));
                }
                line.append((char) c);
            }
            if (line.toString().isBlank()) {
                throw new ContractViolation(relative + (onlyBlankAfter(reader) ? ": empty file (no header row)"
                        : ": row 1 (header) is blank: the header must be the file's first line"));
            }
            int invalid = line.indexOf("\uFFFD");
            if (invalid >= 0) {
                throw new ContractViolation(relative + ": row 1 (header): not valid UTF-8 at character "
                        + (invalid + 1) + "; landing files must be UTF-8");
            }
            return line.toString();
        } catch (IOException e) {
            throw new ContractViolation(relative + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** The file's bytes as text: through the codec its name calls for (.gz), as Spark's text reader does. */
    private InputStream open(LandingFile file) throws IOException {
        Path path = new Path(file.uri());
        InputStream in = fs.open(path);
        CompressionCodec codec = codecs.getCodec(path);
        return codec == null ? in : codec.createInputStream(in);
    }

    private static boolean onlyBlankAfter(java.io.Reader reader) throws IOException {
        for (int c = reader.read(); c != -1; c = reader.read()) {
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
