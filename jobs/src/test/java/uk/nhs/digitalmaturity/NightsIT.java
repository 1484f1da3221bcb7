package uk.nhs.digitalmaturity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import uk.nhs.digitalmaturity.testing.AsAt;
import uk.nhs.digitalmaturity.testing.ChildProcess;
import uk.nhs.digitalmaturity.testing.Landings;
import uk.nhs.digitalmaturity.testing.Launcher;
import uk.nhs.digitalmaturity.testing.Packs;
import uk.nhs.digitalmaturity.testing.Repo;
import uk.nhs.digitalmaturity.testing.RowCounts;
import uk.nhs.digitalmaturity.testing.SharedSpark;

/**
 * What nights bring, done to the real launcher as child processes: a SIGKILL at each stage line followed by a
 * rerun, and two runs started together on one lakehouse. Each ends where a clean run of the same landing zone
 * ends: the same publication pack byte for byte, the same bronze, restricted and quarantine row counts, and an
 * {@code ops.runs} that tells the truth about every execution.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightsIT {
    private static final Duration RUN = Duration.ofMinutes(20);
    /** The lakehouse lock's exit code for "another run holds the lakehouse" (README, "Exit codes"). */
    private static final int LAKEHOUSE_BUSY = 5;
    private static final Pattern HEADER = Pattern.compile("^run\\s+(\\S+) \\(execution (\\d+)\\)");
    /** A line of a Java stack trace, or an exception's name: neither belongs on a scheduler's stderr. */
    private static final Pattern STACK = Pattern.compile("^\\s+at \\S+\\(|Exception\\b");

    private static long classStarted;
    private static Path work;
    private static Path landing;
    private static Path reference;

    /** A run's identity as its {@code run} header line prints it. */
    private record Execution(String runId, int execution) {
        static Execution of(List<String> stdout) {
            for (String line : stdout) {
                Matcher m = HEADER.matcher(line);
                if (m.find()) {
                    return new Execution(m.group(1), Integer.parseInt(m.group(2)));
                }
            }
            throw new AssertionError("no run header in\n" + String.join("\n", stdout));
        }

        /** The line a run prints first on finding this execution dead: it names the run id and the execution. */
        boolean namedIn(String line) {
            return line.startsWith("found  ") && line.contains(runId)
                    && Pattern.compile("execution\\D{0,3}" + execution + "\\b").matcher(line).find();
        }
    }

    /** Where a run is killed: at the {@code nth} stdout line that matches. */
    private record Kill(String point, Predicate<String> line, int nth) {
    }

    private static final List<Kill> KILLS = List.of(
            new Kill("K1 at the run header", l -> l.startsWith("run "), 1),
            new Kill("K2 inside ingest (second ingest line)", l -> l.startsWith("ingest "), 2),
            new Kill("K3 inside the table builds (third build line)", l -> l.startsWith("build "), 3),
            new Kill("K4 between the pack and the final record (publish line)", l -> l.startsWith("publish "), 1));

    /**
     * The finance fixture (bronze, and the staff-level rows that go to restricted) plus two rows the ingest
     * must quarantine: a finance value that is not a number (INVALID_TYPE) and a staff FTE of 9.0
     * (OUT_OF_RANGE). Then the clean reference run, alone on its lakehouse.
     */
    @BeforeAll
    static void cleanRun() throws IOException {
        classStarted = System.nanoTime();
        work = Files.createTempDirectory("nights-it");
        landing = Landings.copy(Repo.fixture("finance"), work.resolve("landing"));
        Files.writeString(landing.resolve("finance/2019-09-30/finance_returns.csv"), "REE,2018-19,CAP_IT_HW,n/a\n",
                StandardOpenOption.APPEND);
        Files.writeString(landing.resolve("workforce/2019-07-01/workforce_staff.csv"),
                "2019-03,REE," + "ab".repeat(32) + ",E99,Nurses & health visitors,N01,9.0\n",
                StandardOpenOption.APPEND);
        reference = work.resolve("clean");
        try (ChildProcess clean = Launcher.run("clean", landing, reference)) {
            assertEquals(0, clean.waitFor(RUN), clean.printed());
            assertNoBuild(clean);
        }
        Map<String, Long> counts = RowCounts.of(reference);
        // Worked by hand: the fixture's 101 finance and 32 staff rows are valid, the two added rows are not.
        assertEquals(101L, counts.get("bronze/finance_returns"), counts.toString());
        assertEquals(32L, counts.get("restricted/workforce_staff"), counts.toString());
        assertEquals(2L, counts.get("restricted/quarantine"), counts.toString());
    }

    @AfterAll
    static void wallTime() {
        System.out.printf("NightsIT wall time: %.0f s%n", (System.nanoTime() - classStarted) / 1e9);
    }

    /**
     * One lakehouse, one chain: each run is killed at the next stage line, and the run after it must say first
     * that it found the dead execution; the last run is left to finish. Everything is checked, then reported
     * together, so that a failing build shows every kill point at once.
     */
    @Test
    @Order(1)
    void aRunKilledAtEachStageIsFoundAbandonedAndTheRerunHealsToTheCleanResult() {
        Path lakehouse = work.resolve("killed");
        List<Executable> checks = new ArrayList<>();
        List<Execution> killed = new ArrayList<>();
        for (Kill kill : KILLS) {
            try (ChildProcess run = Launcher.run(kill.point(), landing, lakehouse)) {
                run.awaitStdout(kill.line(), kill.nth(), RUN);
                boolean java = Launcher.isJava(run);
                run.kill();
                checks.add(() -> assertTrue(java, kill.point() + ": the launcher did not exec java"));
                checkFoundPrevious(checks, kill.point(), run, killed);
                checks.add(() -> assertNoBuild(run));
                killed.add(Execution.of(run.stdout()));
                System.out.println(run.printed());
            }
        }
        // Before a run marks it ABANDONED, `runs` shows the execution killed last as not finished, not as running.
        Execution lastKilled = killed.get(killed.size() - 1);
        try (ChildProcess runs = Launcher.start("runs after K4", "runs", "--lakehouse", lakehouse.toString(),
                "--format", "csv")) {
            int exit = runs.waitFor(RUN);
            checks.add(() -> assertEquals(0, exit, runs.printed()));
            checks.add(() -> assertTrue(runs.stdout().stream().anyMatch(l -> l.startsWith(lastKilled.runId() + ","
                    + lastKilled.execution() + ",") && l.contains("RUNNING (no live process: died?)")), runs.printed()));
        }
        try (ChildProcess last = Launcher.run("the rerun after K4", landing, lakehouse)) {
            int exit = last.waitFor(RUN);
            checks.add(() -> assertEquals(0, exit, last.printed()));
            checkFoundPrevious(checks, "the rerun after K4", last, killed);
            checks.add(() -> assertNoStackTrace(last));
            System.out.println(last.printed());
        }
        checks.add(() -> Packs.assertIdentical(pack(reference), pack(lakehouse)));
        checks.add(() -> assertEquals(RowCounts.of(reference), RowCounts.of(lakehouse),
                "row counts, clean against killed"));
        Map<Execution, Row> runs = runs(lakehouse);
        System.out.println("ops.runs after the chain:\n" + runs.values().stream().map(Row::toString)
                .collect(Collectors.joining("\n")));
        for (int i = 0; i < killed.size(); i++) {
            Execution dead = killed.get(i);
            String point = KILLS.get(i).point();
            Row row = runs.get(dead);
            checks.add(() -> {
                assertNotNull(row, point + ": no ops.runs row for " + dead + " in " + runs.values());
                assertEquals("ABANDONED", row.getAs("status"), point + ": " + row);
                // ops.runs documents exit_code and ended_at as unknown (null) for an ABANDONED execution: its
                // process died, nobody saw it exit. Never 0, which says "finished well".
                assertNull(row.getAs("exit_code"), point + ": " + row);
                assertNull(row.getAs("ended_at"), point + ": " + row);
            });
        }
        // A kill before the execution's RUNNING row is written would leave the number free for the next run.
        checks.add(() -> assertEquals(KILLS.size(), Set.copyOf(killed).size(), "four distinct executions: " + killed));
        checks.add(() -> assertEquals(List.of(), runs.values().stream()
                .filter(r -> "RUNNING".equals(r.getAs("status"))).map(Row::toString).toList(),
                "executions left RUNNING"));
        assertAll(checks);
    }

    /**
     * Two schedulers start the same run at the same moment on an empty lakehouse, both willing to wait: one
     * writes, the other waits and then finds nothing new; a third that will not wait is refused at once with
     * exit 5, naming the holder's pid. No stack trace anywhere, and the end state is the clean run's.
     */
    @Test
    @Order(2)
    void twoRunsAtOnceOneWritesTheOtherWaitsAndAThirdIsRefused() throws InterruptedException {
        Path lakehouse = work.resolve("overlapping");
        try (ChildProcess a = Launcher.run("first", landing, lakehouse, "--wait-for-lock", "600");
             ChildProcess b = Launcher.run("second", landing, lakehouse, "--wait-for-lock", "600")) {
            // The loser prints its header only after the winner is done, so the first header is the winner's.
            Predicate<String> header = l -> l.startsWith("run ");
            long deadline = System.nanoTime() + RUN.toNanos();
            while (!a.hasStdout(header) && !b.hasStdout(header)) {
                assertTrue(System.nanoTime() < deadline, "no run header\n" + a.printed() + "\n" + b.printed());
                assertTrue(a.handle().isAlive() || b.handle().isAlive(), a.printed() + "\n" + b.printed());
                Thread.sleep(200);
            }
            ChildProcess winner = a.hasStdout(header) ? a : b;
            ChildProcess waiter = winner == a ? b : a;
            String busyLine;
            try (ChildProcess third = Launcher.run("third", landing, lakehouse, "--wait-for-lock", "0")) {
                int exit = third.waitFor(RUN);
                assertEquals(LAKEHOUSE_BUSY, exit, third.printed());
                assertTrue(winner.handle().isAlive(), "the winner ended before the third run was refused");
                busyLine = third.stderr().stream().filter(l -> l.startsWith("lakehouse busy: ")).findFirst()
                        .orElseThrow(() -> new AssertionError("no 'lakehouse busy: ' line\n" + third.printed()));
                assertNoStackTrace(third);
                System.out.println(third.printed());
            }
            int winnerExit = winner.waitFor(RUN);
            int waiterExit = waiter.waitFor(RUN);
            System.out.println(winner.printed() + "\n" + waiter.printed());
            Execution wrote = Execution.of(winner.stdout());
            Execution waited = Execution.of(waiter.stdout());
            Map<Execution, Row> runs = runs(lakehouse);
            String statuses = runs.values().stream().map(Row::toString).collect(Collectors.joining("\n"));
            assertAll(
                    () -> assertEquals(0, winnerExit, winner.printed()),
                    () -> assertEquals(0, waiterExit, waiter.printed()),
                    () -> assertTrue(Pattern.compile("\\b" + winner.pid() + "\\b").matcher(busyLine).find(),
                            "the busy line names the holder's pid " + winner.pid() + ": " + busyLine),
                    () -> assertFalse(Pattern.compile("\\b" + waiter.pid() + "\\b").matcher(busyLine).find(),
                            "the busy line names the waiting run's pid " + waiter.pid() + ": " + busyLine),
                    () -> assertNoStackTrace(winner),
                    () -> assertNoStackTrace(waiter),
                    () -> assertNoBuild(winner),
                    () -> assertEquals("SUCCEEDED", status(runs, wrote), statuses),
                    () -> assertEquals("NOTHING_TO_DO", status(runs, waited), statuses),
                    () -> assertTrue(lastLine(waiter).contains("nothing new"), waiter.printed()),
                    () -> assertEquals(1, runs.values().stream().filter(r -> "SUCCEEDED".equals(r.getAs("status")))
                            .count(), "one execution ingests and builds:\n" + statuses),
                    () -> Packs.assertIdentical(pack(reference), pack(lakehouse)),
                    () -> assertEquals(RowCounts.of(reference), RowCounts.of(lakehouse),
                            "row counts, clean against overlapping"));
        }
    }

    /** After a kill, the next run's first line names the execution killed before it. */
    private static void checkFoundPrevious(List<Executable> checks, String point, ChildProcess run,
                                           List<Execution> killed) {
        if (killed.isEmpty()) {
            return;
        }
        Execution dead = killed.get(killed.size() - 1);
        List<String> out = run.stdout();
        checks.add(() -> assertTrue(!out.isEmpty() && dead.namedIn(out.get(0)),
                point + ": the first line does not say it found " + dead + " abandoned:\n" + String.join("\n", out)));
    }

    private static Path pack(Path lakehouse) {
        return lakehouse.resolve("publication").resolve(AsAt.FIXTURES);
    }

    /** ops.runs by execution. */
    private static Map<Execution, Row> runs(Path lakehouse) {
        return SharedSpark.table(lakehouse, "ops/runs").select("run_id", "execution", "status", "exit_code", "ended_at")
                .collectAsList().stream().collect(Collectors.toMap(
                        r -> new Execution(r.getString(0), r.getInt(1)), r -> r, (x, y) -> y, LinkedHashMap::new));
    }

    private static String status(Map<Execution, Row> runs, Execution e) {
        Row row = runs.get(e);
        return row == null ? "no row for " + e : row.getAs("status");
    }

    private static String lastLine(ChildProcess child) {
        List<String> out = child.stdout();
        return out.isEmpty() ? "" : out.get(out.size() - 1);
    }

    /** After {@code package} the jar is fresh: a launcher that rebuilds would be testing another build. */
    private static void assertNoBuild(ChildProcess child) {
        assertTrue(child.stderr().stream().noneMatch(l -> l.contains("building")), child.printed());
    }

    private static void assertNoStackTrace(ChildProcess child) {
        List<String> traced = child.stderr().stream().filter(l -> STACK.matcher(l).find()).toList();
        assertEquals(List.of(), traced, child.printed());
    }
}
