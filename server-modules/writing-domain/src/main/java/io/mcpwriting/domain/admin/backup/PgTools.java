package io.mcpwriting.domain.admin.backup;

import io.mcpwriting.mcp.tool.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Runs the PostgreSQL client tools as child processes: an argument list (never a shell string), the password in
 * {@code PGPASSWORD}, standard error kept for the error message, and a bounded running time after which the
 * process is killed; it is killed too when the client cancels the call.
 */
public final class PgTools {

    private static final int STDERR_KEPT = 64 * 1024;

    private final BackupSettings settings;

    public PgTools(BackupSettings settings) {
        this.settings = settings;
    }

    /** What a finished tool left: exit code, captured standard output (if captured) and standard error. */
    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Consumes a tool's standard output while it runs. */
    @FunctionalInterface
    public interface OutputReader {
        void read(InputStream stdout) throws IOException;
    }

    /** Runs a tool with its standard output captured as text (for small outputs: listings, query results). */
    public Result run(String tool, List<String> args, Path stdin) {
        StringBuilder out = new StringBuilder();
        Result r = stream(tool, args, stdin, in -> out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        return new Result(r.exitCode(), out.toString(), r.stderr());
    }

    /** Runs a tool, copying its standard output into {@code sink}. */
    public Result copy(String tool, List<String> args, OutputStream sink) {
        return stream(tool, args, null, in -> in.transferTo(sink));
    }

    /**
     * Runs a tool, handing its standard output to {@code reader} as it is produced. When the client cancels the
     * call, the tool is killed and this fails with the CANCELLED tool error: a killed pg_dump leaves a partial
     * file its caller deletes, a killed restore ends its session before COMMIT, so its transaction rolls back.
     */
    public Result stream(String tool, List<String> args, Path stdin, OutputReader reader) {
        Cancellation cancellation = Cancellation.current();
        cancellation.check();
        List<String> command = new ArrayList<>();
        command.add(settings.binDir() == null ? tool : settings.binDir().resolve(tool).toString());
        command.addAll(args);
        Path stderr = null;
        Process process = null;
        try {
            Files.createDirectories(settings.workDir());
            stderr = Files.createTempFile(settings.workDir(), tool + "-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(nullDevice()) : ProcessBuilder.Redirect.from(stdin.toFile()));
            Map<String, String> env = builder.environment();
            env.put("PGPASSWORD", settings.connection().password() == null ? "" : settings.connection().password());
            env.put("PGCONNECT_TIMEOUT", "10");
            env.put("PGAPPNAME", "mcp-database-admin");
            env.put("PGTZ", "UTC");
            env.remove("PGSERVICE");
            // a killed tool's backend would otherwise hold its locks until its statement ends (a lock wait may never)
            env.put("PGOPTIONS", "-c client_connection_check_interval=2000");
            try {
                process = builder.start();
            } catch (IOException e) {
                throw BackupException.failed(tool + " could not be started (" + e.getMessage()
                        + "); install the PostgreSQL client tools or set mcp.backup.pg.bin");
            }
            Process running = process;
            AtomicBoolean killed = new AtomicBoolean();
            // the watchdog kills a tool that outlives the time limit; reading then ends at end of stream
            CompletableFuture<Process> watchdog = process.onExit()
                    .orTimeout(settings.timeout().toSeconds(), TimeUnit.SECONDS)
                    .exceptionally(t -> {
                        killed.set(true);
                        kill(running);
                        return running;
                    });
            int exit;
            try (Cancellation.Registration onCancel = cancellation.whileRunning(() -> kill(running));
                    InputStream out = process.getInputStream()) {
                reader.read(out);
                exit = process.waitFor();
            } catch (IOException | RuntimeException e) {
                cancellation.check(); // the output broke off because the tool was killed for the client
                throw e;
            }
            watchdog.cancel(false);
            if (exit != 0) {
                // killed for the client; a tool that finished on its own did its work, which is then reported
                cancellation.check();
            }
            String err = readLimited(stderr);
            if (killed.get()) {
                throw BackupException.failed(tool + " did not finish within "
                        + settings.timeout().toSeconds() + " s and was stopped (mcp.backup.timeout.seconds)");
            }
            return new Result(exit, "", err);
        } catch (IOException e) {
            throw new UncheckedIOException(tool + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw BackupException.failed(tool + " was interrupted");
        } finally {
            if (process != null && process.isAlive()) {
                kill(process);
            }
            deleteQuietly(stderr);
        }
    }

    /** Kills a tool with whatever it started. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Fails with the tool's own error lines (ERROR/DETAIL/FATAL), never with a stack trace. */
    public static void check(String what, Result result) {
        if (result.ok()) {
            return;
        }
        String detail = errorLines(result.stderr());
        BackupException.Reason reason = BackupException.Reason.FAILED;
        if (detail.contains("connection to server") || detail.contains("could not connect")
                || detail.contains("password authentication failed")) {
            reason = BackupException.Reason.UNAVAILABLE;
        } else if (detail.contains("duplicate key") || detail.contains("violates foreign key")
                || detail.contains("violates unique") || detail.contains("lock timeout")
                || detail.contains("cannot truncate a table referenced")
                || detail.contains("depend on it")) {
            reason = BackupException.Reason.CONFLICT;
        }
        throw new BackupException(reason, what + " failed (exit " + result.exitCode() + ")"
                + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** The informative lines of a tool's standard error, without file positions, at most 1000 characters. */
    static String errorLines(String stderr) {
        String lines = stderr.lines()
                .map(l -> l.replaceFirst("^psql:[^:]*:\\d+: ", "").replaceFirst("^(pg_dump|pg_restore|psql): ", ""))
                .filter(l -> l.contains("ERROR") || l.contains("DETAIL") || l.contains("FATAL")
                        || l.startsWith("error:") || l.contains("could not") || l.contains("failed"))
                .map(String::strip)
                .distinct()
                .collect(Collectors.joining("; "));
        if (lines.isEmpty()) {
            lines = stderr.strip();
        }
        return lines.length() > 1000 ? lines.substring(0, 1000) + "..." : lines;
    }

    private static String readLimited(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(STDERR_KEPT), StandardCharsets.UTF_8);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file in the work directory; the next run's clean-up removes it
        }
    }
}
