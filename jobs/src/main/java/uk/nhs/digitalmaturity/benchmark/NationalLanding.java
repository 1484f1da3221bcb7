package uk.nhs.digitalmaturity.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import uk.nhs.digitalmaturity.contract.Source;
import uk.nhs.digitalmaturity.landing.WrittenFile;
import uk.nhs.digitalmaturity.sample.GeneratorOptions;
import uk.nhs.digitalmaturity.sample.SampleLandingGenerator;
import uk.nhs.digitalmaturity.sample.SampleScale;
import uk.nhs.digitalmaturity.sample.SnapshotPlan;

/**
 * The benchmark's national landing zone: generated once (deterministic from the seed) with as many staff-level
 * months as the longest run needs plus one, then staged for each run as hard links. The generator's month m is
 * the same whatever the count (period 2019-03 + m, in the snapshot {@link SnapshotPlan#staffSnapshot}), so a
 * landing with the first h staff-level months of a longer one is the landing of an h-month history: a stage
 * holds every other file and the first h staff files, and month h + 1 "lands" between runs exactly as a new
 * extract does.
 */
final class NationalLanding {
    private static final String COMPLETE = ".complete";
    /** Data rows of every generated file, one {@code rows<TAB>path} a line, so no run counts lines again. */
    private static final String ROWS = ".rows";
    private static final String PREFIX = "national-";

    private final Path generated;
    private final int months;
    private final long seed;
    private long allRows = -1;

    /**
     * A landing with at least {@code months} staff-level months: a complete one already under {@code dataRoot}
     * for the same seed and as many or more months (the smallest such), else {@code national-<months>m-seed<seed>}.
     */
    NationalLanding(Path dataRoot, int months, long seed) {
        this.generated = existing(dataRoot, months, seed).orElse(dataRoot.resolve(PREFIX + months + "m-seed" + seed));
        this.months = months;
        this.seed = seed;
    }

    /** Staff-level months to generate: the most any run stages, plus the month that lands after it. */
    static int monthsToGenerate(int fullBuildMonths, Collection<Integer> history) {
        int most = Math.max(fullBuildMonths, history.stream().mapToInt(Integer::intValue).max().orElse(0));
        return most + 1;
    }

    private static java.util.Optional<Path> existing(Path dataRoot, int months, long seed) {
        if (!Files.isDirectory(dataRoot)) {
            return java.util.Optional.empty();
        }
        Pattern name = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)m-seed" + seed);
        try (Stream<Path> dirs = Files.list(dataRoot)) {
            return dirs.filter(d -> Files.exists(d.resolve(COMPLETE))).filter(d -> {
                Matcher m = name.matcher(d.getFileName().toString());
                return m.matches() && Integer.parseInt(m.group(1)) >= months;
            }).min(Comparator.comparingInt(d -> monthsOf(d.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int monthsOf(String folder) {
        return Integer.parseInt(folder.substring(PREFIX.length(), folder.indexOf("m-seed")));
    }

    Path folder() {
        return generated;
    }

    /** Generates the landing zone unless a complete one is already there; returns the rows of every file. */
    long prepare() {
        try {
            Path marker = generated.resolve(COMPLETE);
            if (Files.exists(marker)) {
                allRows = Long.parseLong(Files.readString(marker).trim());
                return allRows;
            }
            deleteTree(generated);
            List<WrittenFile> files = SampleLandingGenerator.generate(new GeneratorOptions(generated, seed,
                    SampleScale.NATIONAL, months, GeneratorOptions.DEFAULT_ROWS_PER_MONTH,
                    GeneratorOptions.DEFAULT_FINANCE_LINES));
            StringBuilder rows = new StringBuilder();
            files.forEach(f -> rows.append(f.rows()).append('\t').append(f.path()).append('\n'));
            Files.writeString(generated.resolve(ROWS), rows);
            allRows = files.stream().mapToLong(WrittenFile::rows).sum();
            Files.writeString(marker, allRows + "\n");
            return allRows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The staff-level file of month {@code month} (1 is period 2019-03), which must have been generated. */
    Path staffMonth(int month) {
        YearMonth period = SnapshotPlan.FIRST_STAFF_PERIOD.plusMonths(month - 1L);
        Path file = generated.resolve(Source.WORKFORCE_STAFF.landingPath(SnapshotPlan.staffSnapshot(period)));
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the generated landing " + generated + " has no staff-level month "
                    + month + " (" + period + "): expected " + file);
        }
        return file;
    }

    /** Every staff-level file of the generated tree, whatever its month. */
    private Set<Path> allStaffFiles() {
        Set<Path> staff = new HashSet<>();
        Path folder = generated.resolve(Source.WORKFORCE_STAFF.folder());
        try (Stream<Path> snapshots = Files.list(folder)) {
            snapshots.map(d -> d.resolve(Source.WORKFORCE_STAFF.fileName())).filter(Files::isRegularFile)
                    .forEach(staff::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return staff;
    }

    /**
     * The generated files a landing of {@code history} staff-level months holds, in path order: every file but
     * the staff-level ones, and the staff-level files of months 1 to {@code history}.
     */
    List<Path> prefix(int history) {
        Set<Path> staged = new HashSet<>();
        for (int m = 1; m <= history; m++) {
            staged.add(staffMonth(m));
        }
        staffMonth(history + 1); // the month that lands next must be there too
        Set<Path> staff = allStaffFiles();
        try (Stream<Path> all = Files.walk(generated)) {
            return all.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> !staff.contains(f) || staged.contains(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh landing zone at {@code stage}: {@link #prefix} of {@code history} months, as hard links. */
    void stage(Path stage, int history) {
        try {
            deleteTree(stage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : prefix(history)) {
            link(file, stage.resolve(generated.relativize(file)));
        }
    }

    /** Month {@code month} lands in {@code stage}. */
    void landMonth(Path stage, int month) {
        Path file = staffMonth(month);
        link(file, stage.resolve(generated.relativize(file)));
    }

    /** Data rows of {@link #prefix}: the input of a full build with {@code history} staff-level months. */
    long stagedRows(int history) {
        if (allRows < 0) {
            throw new IllegalStateException("prepare() first");
        }
        Set<Path> staged = new HashSet<>(prefix(history));
        long left = 0;
        Map<String, Long> known = rowsManifest();
        for (Path file : allStaffFiles()) {
            if (!staged.contains(file)) {
                String relative = generated.relativize(file).toString().replace('\\', '/');
                Long rows = known.get(relative);
                left += rows != null ? rows : countRows(file);
            }
        }
        return allRows - left;
    }

    /** The generator's row counts, empty for a landing generated before they were kept. */
    private Map<String, Long> rowsManifest() {
        Map<String, Long> rows = new HashMap<>();
        Path manifest = generated.resolve(ROWS);
        if (!Files.exists(manifest)) {
            return rows;
        }
        try {
            for (String line : Files.readAllLines(manifest)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    rows.put(line.substring(tab + 1), Long.parseLong(line.substring(0, tab)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static long countRows(Path csv) {
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.count() - 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hard link costs nothing and keeps the file's modification time; a copy where links are refused. */
    private static void link(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            try {
                Files.createLink(to, from);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
