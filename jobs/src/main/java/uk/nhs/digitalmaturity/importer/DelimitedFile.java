package uk.nhs.digitalmaturity.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The ODS headerless comma-separated files ({@code etr}, {@code succ}) as downloaded: plain, gzip or a zip
 * holding one {@code .csv}. The container is recognised by its first bytes, not the file name. Text is read as
 * UTF-8, or Windows-1252 when it is not valid UTF-8 (older ODS files); either way every record must have the
 * expected number of fields.
 */
final class DelimitedFile {
    /** ODS files are a few megabytes; anything far larger is not one. */
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    /** One parsed line: its 1-based line number in the file and its fields. */
    record Line(long number, List<String> fields) {
    }

    /** The lines, and a note when the text was not UTF-8. */
    record Content(List<Line> lines, List<String> notes, long blankLines) {
    }

    private DelimitedFile() {
    }

    static Content read(Path file, ImportKind kind, int expectedFields) throws IOException {
        byte[] bytes = bytes(file, kind);
        List<String> notes = new ArrayList<>();
        String text;
        try {
            text = decode(bytes, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            text = new String(bytes, Charset.forName("windows-1252"));
            notes.add("text is not UTF-8: read as Windows-1252");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\0') >= 0) {
            throw Refusals.notRecognised(file, kind, "it holds binary data, not text");
        }
        List<Line> lines = new ArrayList<>();
        long blank = 0;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180)) {
            for (CSVRecord record : parser) {
                List<String> fields = record.toList();
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    blank++;
                    continue;
                }
                if (fields.size() != expectedFields) {
                    throw Refusals.notRecognised(file, kind, "line " + record.getRecordNumber() + " has "
                            + fields.size() + " fields, expected " + expectedFields);
                }
                lines.add(new Line(record.getRecordNumber(), fields));
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("EOF reached before encapsulated token finished")) {
                java.util.regex.Matcher line = java.util.regex.Pattern.compile("startline (\\d+)").matcher(message);
                throw Refusals.notRecognised(file, kind, "it ends inside a quoted field, so it is truncated"
                        + (line.find() ? " (the record starting on line " + line.group(1) + ")" : ""), e);
            }
            throw Refusals.notRecognised(file, kind, "it is not well-formed comma-separated text (" + message + ")",
                    e);
        }
        if (lines.isEmpty()) {
            throw Refusals.notRecognised(file, kind, "it holds no records");
        }
        return new Content(lines, notes, blank);
    }

    private static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static byte[] bytes(Path file, ImportKind kind) throws IOException {
        byte[] magic = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(magic, 0, 4);
        }
        if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return readCapped(in, file, kind);
            } catch (ZipException | java.io.EOFException e) {
                throw Refusals.notRecognised(file, kind, "the gzip data is truncated or corrupt (" + e.getMessage()
                        + ")", e);
            }
        }
        if (n == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return fromZip(file, kind);
        }
        if (n >= 2 && magic[0] == 'P' && magic[1] == 'K') {
            throw Refusals.notRecognised(file, kind, "it is a zip archive this importer cannot read");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readCapped(in, file, kind);
        }
    }

    private static byte[] fromZip(Path file, ImportKind kind) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<ZipEntry> csvs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                names.add(entry.getName());
                String lower = entry.getName().toLowerCase(Locale.ROOT);
                if (!entry.isDirectory() && (lower.endsWith(".csv") || lower.endsWith(".txt"))) {
                    csvs.add(entry);
                }
            }
            if (names.contains("xl/workbook.xml")) {
                throw Refusals.notRecognised(file, kind, "it is an xlsx workbook, not comma-separated text");
            }
            if (csvs.size() != 1) {
                throw Refusals.notRecognised(file, kind, "the zip archive should hold exactly one .csv file, it "
                        + "holds " + (names.size() > 10 ? names.subList(0, 10) + " …" : names));
            }
            try (InputStream in = zip.getInputStream(csvs.get(0))) {
                return readCapped(in, file, kind);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw Refusals.notRecognised(file, kind, "the zip archive is truncated or corrupt (" + e.getMessage()
                    + ")", e);
        }
    }

    private static byte[] readCapped(InputStream in, Path file, ImportKind kind) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int r; (r = in.read(buffer)) != -1; ) {
            total += r;
            if (total > MAX_BYTES) {
                throw Refusals.notRecognised(file, kind, "it is larger than " + MAX_BYTES / (1024 * 1024)
                        + " MB, far larger than any ODS file");
            }
            out.write(buffer, 0, r);
        }
        return out.toByteArray();
    }
}
