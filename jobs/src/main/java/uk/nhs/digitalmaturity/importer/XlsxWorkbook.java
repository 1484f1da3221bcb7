package uk.nhs.digitalmaturity.importer;

import com.github.pjfanning.xlsx.StreamingReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Date1904Support;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import uk.nhs.digitalmaturity.failure.ContractViolation;

/**
 * A streaming, read-only view of an xlsx workbook (excel-streaming-reader on top of POI): rows are parsed from
 * the sheet XML as they are read and only a small window is held, so memory does not grow with the number of
 * rows. Each sheet can be read once, top to bottom. Anything the reader cannot parse (a truncated or corrupt
 * file, a file that is not xlsx at all) becomes a refusal naming the file and what was expected.
 */
final class XlsxWorkbook implements AutoCloseable {
    private static final int ROW_CACHE = 200;

    private final Path file;
    private final ImportKind kind;
    private final Workbook workbook;
    private final boolean date1904;

    private XlsxWorkbook(Path file, ImportKind kind, Workbook workbook) {
        this.file = file;
        this.kind = kind;
        this.workbook = workbook;
        this.date1904 = workbook instanceof Date1904Support d && d.isDate1904();
    }

    static XlsxWorkbook open(Path file, ImportKind kind) throws IOException {
        byte[] magic = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(magic, 0, 4);
        }
        if (n < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
            String what = n >= 4 && (magic[0] & 0xff) == 0xD0 && (magic[1] & 0xff) == 0xCF
                    ? "it is an old binary Excel (.xls) file; save it as .xlsx" : "it is not an xlsx (zip) file";
            throw Refusals.notRecognised(file, kind, what);
        }
        try {
            Workbook wb = StreamingReader.builder()
                    .rowCacheSize(ROW_CACHE)
                    .bufferSize(8192)
                    .setReadComments(false)
                    .setReadHyperlinks(false)
                    .setReadShapes(false)
                    .setReadCoreProperties(false)
                    .setReadSharedFormulas(false)
                    .open(file.toFile());
            return new XlsxWorkbook(file, kind, wb);
        } catch (RuntimeException e) {
            throw unreadable(file, kind, e);
        }
    }

    boolean date1904() {
        return date1904;
    }

    List<String> sheetNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            names.add(workbook.getSheetName(i));
        }
        return names;
    }

    /** The sheets in workbook order, each as a forward-only row cursor. */
    List<SheetCursor> sheets() {
        List<SheetCursor> sheets = new ArrayList<>();
        try {
            for (Sheet sheet : workbook) {
                sheets.add(new SheetCursor(sheet));
            }
        } catch (RuntimeException e) {
            throw unreadable(e);
        }
        return sheets;
    }

    /** A sheet positioned just below its header row. */
    record Located(SheetCursor sheet, HeaderRow.Match header) {
    }

    /**
     * Searches the sheets in order for the first row, within the first {@code maxScanRows} rows of a sheet, that
     * names every required column; refuses the file when no sheet has one.
     */
    Located findHeader(List<HeaderRow.Column> spec, int maxScanRows) {
        List<String> looked = new ArrayList<>();
        for (SheetCursor sheet : sheets()) {
            looked.add("'" + sheet.name() + "'");
            for (int i = 0; i < maxScanRows; i++) {
                Optional<XRow> row = sheet.next();
                if (row.isEmpty()) {
                    break;
                }
                Optional<HeaderRow.Match> match = HeaderRow.match(row.get(), spec);
                if (match.isPresent()) {
                    return new Located(sheet, match.get());
                }
            }
        }
        throw Refusals.notRecognised(file, kind, "no sheet has a header row with the columns "
                + HeaderRow.describe(spec) + " in its first " + maxScanRows + " rows (sheets searched: "
                + String.join(", ", looked) + ")");
    }

    ContractViolation unreadable(RuntimeException e) {
        return unreadable(file, kind, e);
    }

    static ContractViolation unreadable(Path file, ImportKind kind, RuntimeException e) {
        if (e instanceof ContractViolation cv) {
            return cv;
        }
        return Refusals.notRecognised(file, kind, "the workbook cannot be read, it is truncated or corrupt ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }

    @Override
    public void close() throws IOException {
        try {
            workbook.close();
        } catch (RuntimeException e) {
            // closing a half-read corrupt workbook can fail too; the refusal has already been raised
        }
    }

    /** One sheet, read forwards once. */
    final class SheetCursor {
        private final Sheet sheet;
        private Iterator<Row> rows;

        private SheetCursor(Sheet sheet) {
            this.sheet = sheet;
        }

        String name() {
            return sheet.getSheetName();
        }

        /** The next row that exists in the sheet XML (rows the workbook omits are simply skipped). */
        Optional<XRow> next() {
            try {
                if (rows == null) {
                    rows = sheet.rowIterator();
                }
                if (!rows.hasNext()) {
                    return Optional.empty();
                }
                return Optional.of(new XRow(rows.next()));
            } catch (RuntimeException e) {
                throw unreadable(e);
            }
        }
    }

    /** One row: cells by zero-based column index, as text or as numbers. */
    final class XRow {
        private final Row row;

        private XRow(Row row) {
            this.row = row;
        }

        /** 1-based, as Excel numbers rows. */
        int number() {
            return row.getRowNum() + 1;
        }

        int width() {
            return Math.max(0, row.getLastCellNum());
        }

        /** The cell as text: strings trimmed, numbers at Excel's 15 significant digits, blank as "". */
        String text(int column) {
            Cell cell = column < 0 ? null : row.getCell(column);
            if (cell == null) {
                return "";
            }
            try {
                CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                        : cell.getCellType();
                return switch (type) {
                    case STRING -> cell.getStringCellValue().replace('\u00A0', ' ').trim();
                    case NUMERIC -> Numbers.format(Numbers.fromExcel(cell.getNumericCellValue()));
                    case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
                    case ERROR -> "#ERROR";
                    default -> "";
                };
            } catch (RuntimeException e) {
                throw unreadable(e);
            }
        }

        /** The stored number of a numeric cell; empty for text or blank cells. */
        Optional<Double> numeric(int column) {
            Cell cell = column < 0 ? null : row.getCell(column);
            if (cell == null) {
                return Optional.empty();
            }
            try {
                CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                        : cell.getCellType();
                return type == CellType.NUMERIC ? Optional.of(cell.getNumericCellValue()) : Optional.empty();
            } catch (RuntimeException e) {
                throw unreadable(e);
            }
        }

        /** A numeric cell as a decimal, or a text cell that holds a plain number; otherwise empty. */
        Optional<BigDecimal> decimal(int column) {
            Optional<Double> n = numeric(column);
            if (n.isPresent()) {
                return Optional.of(Numbers.fromExcel(n.get()));
            }
            return Numbers.parseText(text(column));
        }

        boolean isBlank() {
            try {
                for (Cell cell : row) {
                    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                            : cell.getCellType();
                    if (type == CellType.STRING ? !text(cell.getColumnIndex()).isEmpty() : type != CellType.BLANK) {
                        return false;
                    }
                }
                return true;
            } catch (RuntimeException e) {
                throw unreadable(e);
            }
        }

        /** All cells up to the last used one, as text. */
        List<String> texts() {
            List<String> out = new ArrayList<>();
            for (int c = 0; c < width(); c++) {
                out.add(text(c));
            }
            return out;
        }
    }
}
