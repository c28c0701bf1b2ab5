package io.mcpwriting.domain.admin.backup;

/**
 * Why a backup, a validation or a restore cannot be done, worded for whoever asked. The backup code runs in the MCP
 * servers and without a container alike ({@link RestoreCommand}, {@code scripts/restore-backup.sh}), so it throws
 * this and no MCP type: the tools turn it into their error ({@link BackupToolErrors}), the command line prints
 * its message.
 */
public class BackupException extends RuntimeException {

    /** What kind of failure it is; the tools answer each with its own error type. */
    public enum Reason {
        /** An argument, a backup or its data cannot be used as asked. */
        INVALID,
        /** A backup that was named does not exist. */
        NOT_FOUND,
        /** The database's rows stand in the way (duplicate keys, rows of a base backup missing, locks). */
        CONFLICT,
        /** PostgreSQL cannot be reached. */
        UNAVAILABLE,
        /** The setup or a client tool failed: settings, keys, the backup directory, pg_dump, pg_restore, psql. */
        FAILED
    }

    private final Reason reason;

    public BackupException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** An argument that cannot be used, named as the tools name their arguments. */
    public static BackupException invalid(String argument, String problem) {
        return new BackupException(Reason.INVALID, "Invalid argument '" + argument + "': " + problem);
    }

    /** A backup or its data that cannot be used as asked, whichever argument named it. */
    public static BackupException unusable(String message) {
        return new BackupException(Reason.INVALID, message);
    }

    public static BackupException notFound(String what, Object id) {
        return new BackupException(Reason.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static BackupException conflict(String message) {
        return new BackupException(Reason.CONFLICT, message);
    }

    public static BackupException failed(String message) {
        return new BackupException(Reason.FAILED, message);
    }
}
