package uk.nhs.digitalmaturity.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Hand-formatted CSV for national volumes: ASCII fields appended into a large byte buffer, no per-row objects.
 * Callers pass fields that are already RFC 4180 safe (see {@link #quoted}); output matches
 * {@link uk.nhs.digitalmaturity.contract.CsvFiles#FORMAT} (LF line endings, minimal quoting).
 */
final class FastCsvWriter implements AutoCloseable {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 20];
    private int position;
    private boolean lineStart = true;
    private long rows = -1; // the header is not a data row

    FastCsvWriter(OutputStream out) {
        this.out = out;
    }

    /** Quotes a field the way commons-csv's minimal quote mode would, for fields fixed up front. */
    static String quoted(String field) {
        if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    private void ensure(int n) {
        if (position + n > buffer.length) {
            flushBuffer();
        }
    }

    private void separator() {
        if (!lineStart) {
            buffer[position++] = ',';
        }
        lineStart = false;
    }

    /** Appends a field of ASCII text that needs no quoting (or is already quoted). */
    FastCsvWriter field(String ascii) {
        int n = ascii.length();
        ensure(n + 1);
        separator();
        for (int i = 0; i < n; i++) {
            buffer[position++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    FastCsvWriter field(long value) {
        ensure(21);
        separator();
        appendLong(value);
        return this;
    }

    /** Appends text to the current field (e.g. a suffix after {@link #field(long)}). */
    FastCsvWriter append(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[position++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** A non-negative amount held in hundredths, written with two decimals (125 → 1.25). */
    FastCsvWriter hundredths(long value) {
        ensure(24);
        separator();
        if (value < 0) {
            buffer[position++] = '-';
            value = -value;
        }
        appendLong(value / 100);
        buffer[position++] = '.';
        int cents = (int) (value % 100);
        buffer[position++] = (byte) ('0' + cents / 10);
        buffer[position++] = (byte) ('0' + cents % 10);
        return this;
    }

    /** 64 lowercase hex characters from four longs. */
    FastCsvWriter hex256(long a, long b, long c, long d) {
        ensure(65);
        separator();
        appendHex(a);
        appendHex(b);
        appendHex(c);
        appendHex(d);
        return this;
    }

    FastCsvWriter endRow() {
        ensure(1);
        buffer[position++] = '\n';
        lineStart = true;
        rows++;
        return this;
    }

    long rows() {
        return rows;
    }

    private void appendHex(long v) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            buffer[position++] = HEX[(int) (v >>> shift) & 0xF];
        }
    }

    private void appendLong(long v) {
        if (v < 0) {
            buffer[position++] = '-';
            v = -v;
        }
        if (v == 0) {
            buffer[position++] = '0';
            return;
        }
        int start = position;
        while (v > 0) {
            buffer[position++] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        for (int i = start, j = position - 1; i < j; i++, j--) {
            byte t = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = t;
        }
    }

    private void flushBuffer() {
        try {
            out.write(buffer, 0, position);
            position = 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        flushBuffer();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
