package uk.nhs.digitalmaturity.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.common.TextParsingException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unexpected failures as one plain line and a log file: the cause chains are built as Spark delivers them to
 * the driver (a job abort whose message quotes its task's exception, the task's write failure, the root).
 */
class FailureReportTest {
    /** Made-up staff identifiers, as an over-long field's parser message would quote them. */
    private static final String PERSON = "P9876543";
    private static final String ASSIGNMENT = "A7654321";
    private static final String PARSED = "Length of parsed input (65537) exceeds the maximum number of characters "
            + "defined in your parser settings (65536). Parsed content: RAA,2018-12," + PERSON + "," + ASSIGNMENT
            + ",1.0,XYZ";

    @TempDir
    Path temp;

    private static Throwable sparkJobAbort(String taskWrite, Throwable root) {
        SparkException task = new SparkException("[TASK_WRITE_FAILED] Task failed while writing rows to "
                + taskWrite + ".", root);
        return new SparkException("Job aborted due to stage failure: Task 0 in stage 4.0 failed 1 times, most "
                + "recent failure: Lost task 0.0 in stage 4.0 (TID 9) (127.0.0.1 executor driver): " + task
                + "\nCaused by: " + root, task);
    }

    @Test
    void aParserMessageNestedInASparkFailureNeverReachesTheLineOrTheLogFile() throws IOException {
        Throwable failure = sparkJobAbort("file:/data/lakehouse/restricted/workforce_staff",
                new TextParsingException(null, PARSED));
        UnexpectedFailure logged = UnexpectedFailure.logged(failure, temp.resolve("logs"), "r20261124-0123456789ab-1");
        String line = logged.line();
        String log = Files.readString(logged.log());
        for (String text : new String[] {line, log}) {
            assertFalse(text.contains(PERSON), text);
            assertFalse(text.contains(ASSIGNMENT), text);
            assertFalse(text.contains("Parsed content"), text);
        }
        assertEquals(temp.resolve("logs/nhs-digital-r20261124-0123456789ab-1.log").toAbsolutePath(), logged.log());
        assertEquals("unexpected failure: com.univocity.parsers.common.TextParsingException (message withheld: it may "
                + "contain row content) writing file:/data/lakehouse/restricted/workforce_staff; run again; if it "
                + "repeats, report it with the log file (details: " + logged.log() + ")", line);
        assertTrue(log.contains("org.apache.spark.SparkException: " + SafeMessages.WITHHELD), log);
        assertTrue(log.contains("Caused by: com.univocity.parsers.common.TextParsingException: " + SafeMessages.WITHHELD), log);
        assertTrue(log.contains("\tat uk.nhs.digitalmaturity.failure.FailureReportTest."), "stack frames are kept");
    }

    @Test
    void aFullDiskNamesWhereAndSaysARerunHeals() throws Exception {
        Constructor<? extends Error> fsError = Class.forName("org.apache.hadoop.fs.FSError")
                .asSubclass(Error.class).getDeclaredConstructor(Throwable.class);
        fsError.setAccessible(true); // what Hadoop's local file system throws on ENOSPC
        Throwable failure = sparkJobAbort("file:/data/lakehouse/bronze/dma_responses",
                fsError.newInstance(new IOException("No space left on device")));
        UnexpectedFailure logged = UnexpectedFailure.logged(failure, temp, null);
        assertTrue(logged.line().startsWith("unexpected failure: no space left on device writing "
                + "file:/data/lakehouse/bronze/dma_responses; free space and run again: the rerun heals what this "
                + "run half-wrote (details: " + temp.toAbsolutePath()), logged.line());
        String log = Files.readString(logged.log());
        assertTrue(log.contains("Caused by: java.io.IOException: No space left on device"), "IOException messages are kept");
        assertTrue(logged.log().getFileName().toString().matches("nhs-digital-\\d{8}T\\d{6}Z-\\d+\\.log"),
                logged.log().toString());
    }

    @Test
    void outOfMemoryAndALostExecutorHaveTheirOwnLines() {
        String oom = new UnexpectedFailure(new OutOfMemoryError("Java heap space")).line();
        assertTrue(oom.startsWith("unexpected failure: out of memory; raise the driver heap (NHS_DIGITAL_HEAP"), oom);
        String lost = new UnexpectedFailure(new SparkException("Job aborted due to stage failure: Task 3 in stage "
                + "7.0 failed 4 times, most recent failure: Lost task 3.3 in stage 7.0 (TID 40) (10.0.0.5 executor 2): "
                + "ExecutorLostFailure (executor 2 exited caused by one of the running tasks) Reason: Command exited "
                + "with code 137")).line();
        assertTrue(lost.startsWith("unexpected failure: a Spark executor was lost; run again"), lost);
    }

    @Test
    void messagesWrittenByCodeAreKeptAndParsedTextIsNot() {
        assertEquals("unexpected failure: java.lang.NullPointerException: Cannot read the array length because "
                + "\"header\" is null; run again; if it repeats, report it with the log file",
                new UnexpectedFailure(new NullPointerException("Cannot read the array length because \"header\" is null")).line());
        String number = new UnexpectedFailure(new NumberFormatException("For input string: \"" + PERSON + "\"")).line();
        assertFalse(number.contains(PERSON), number);
        assertEquals(SafeMessages.WITHHELD, SafeMessages.message(new com.fasterxml.jackson.core.JsonParseException(
                null, "Unexpected character: " + PERSON)));
    }

    @Test
    void aContractViolationThrownInsideASparkTaskKeepsItsExitCode() {
        ContractViolation inside = new ContractViolation("finance/2019-07-01/finance_returns.csv: row 3: rule");
        PipelineFailure failure = PipelineFailure.of(new SparkException("Job aborted", inside));
        assertSame(inside, failure);
        assertEquals(ExitCodes.CONTRACT_VIOLATION, failure.exitCode());
    }

    @Test
    void withoutAWritableFolderTheLogGoesToTheTempFolder() throws IOException {
        Path notAFolder = Files.writeString(temp.resolve("file"), "x");
        UnexpectedFailure logged = UnexpectedFailure.logged(new IllegalStateException("x"), notAFolder.resolve("logs"), "n");
        assertNotNull(logged.log());
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath(), logged.log().getParent());
        Files.deleteIfExists(logged.log());
    }
}
