package uk.nhs.digitalmaturity.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import uk.nhs.digitalmaturity.landing.LandingWriter;

/** Reads one publication with the importer for its kind, writes the landing file, and says what happened. */
public final class ImportRun {
    /** The outcome, for the one-line summary and for tests. */
    public record Report(ImportKind kind, List<Path> files, Path target, LandingWriter.Outcome outcome,
                         ImportedTable table) {
        public String summary() {
            String verb = switch (outcome) {
                case WRITTEN -> "wrote";
                case REPLACED -> "replaced (--force)";
                case UNCHANGED -> "unchanged, identical to the existing";
            };
            String names = files.stream().map(f -> f.getFileName().toString()).collect(Collectors.joining(", "));
            return "import " + kind.cliName() + " " + names + ": " + table.rows().size() + " rows "
                    + verb + " " + target + "; dropped " + table.drops().describe()
                    + (table.notes().isEmpty() ? "" : "; " + String.join("; ", table.notes()));
        }
    }

    private ImportRun() {
    }

    public static Importer importerFor(ImportKind kind) {
        return switch (kind) {
            case ODS_ETR -> new OdsEtrImporter();
            case ODS_SUCC -> new OdsSuccImporter();
            case WORKFORCE_XLSX -> new WorkforceXlsxImporter();
            case DEFLATORS_XLSX -> new DeflatorsXlsxImporter();
            case DSPT_XLSX -> new DsptXlsxImporter();
        };
    }

    /**
     * @throws uk.nhs.digitalmaturity.failure.ContractViolation when the file is not recognised or the landing file
     *     exists with different content (and not {@code force}); nothing is written then
     */
    public static Report run(ImportKind kind, Path file, ImportOptions options) throws IOException {
        return run(kind, List.of(file), options);
    }

    /** Several files into one landing file, for the kinds whose importer {@link Importer#acceptsSeveralFiles()}. */
    public static Report run(ImportKind kind, List<Path> files, ImportOptions options) throws IOException {
        ImportedTable table = importerFor(kind).read(files, options);
        LandingWriter landing = new LandingWriter(options.landing());
        Path target = landing.target(kind.source(), options.snapshot());
        LandingWriter.Outcome outcome = landing.writeOnce(kind.source(), options.snapshot(), table.header(),
                table.rows(), options.force());
        return new Report(kind, List.copyOf(files), target, outcome, table);
    }
}
