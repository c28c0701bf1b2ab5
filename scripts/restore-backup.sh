#!/usr/bin/env bash
# Restores a database backup made by the database-admin server, outside MCP (for operators):
#   scripts/restore-backup.sh --file=/backups/full-20250131T020000Z-1a2b.dump [--table=books]
#                             [--on-conflict=error|skip|overwrite] [--drop-existing] [--validate-only]
# The backup's SHA-256 is verified first; the restore runs in one transaction (all or nothing).
# Connection (straight to PostgreSQL as the schema owner, not PgBouncer), from the environment:
#   MCP_BACKUP_DB_HOST (DB_HOST, localhost)  MCP_BACKUP_DB_PORT (DB_DIRECT_PORT, 5432)  MCP_BACKUP_DB_NAME (DB_NAME)
#   MCP_BACKUP_DB_USER (DB_OWNER_USER, mcp_owner)  MCP_BACKUP_DB_PASSWORD (DB_OWNER_PASSWORD)
#   OpenPGP (*.pgp) backups: MCP_BACKUP_ENCRYPTION_SECRET_KEYRING (secret key files, comma-separated) and
#   MCP_BACKUP_ENCRYPTION_SECRET_PASSPHRASE; legacy (*.enc) backups: MCP_BACKUP_ENCRYPTION_KEY.
#   MCP_BACKUP_DIR for a file given by name.
# Without Java (GnuPG and pg_restore only), an OpenPGP backup is decrypted and restored by scripts/dr-decrypt.sh.
# It runs the same Java code as the server (io.mcpwriting.domain.admin.backup.RestoreCommand) from the
# database-admin application's libraries: MCP_ADMIN_LIB, else the build output, else the laid-out Liberty server.
# See docs/BACKUP-RESTORE.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WLP_HOME=${WLP_HOME:-$ROOT/target/liberty/wlp}
candidates=(
  "${MCP_ADMIN_LIB:-}"
  "$ROOT/server-modules/database-admin/target/database-admin/WEB-INF/lib"
  "$WLP_HOME/usr/servers/database-admin/apps/expanded/database-admin.war/WEB-INF/lib"
)
lib=""
for c in "${candidates[@]}"; do
  if [[ -n "$c" && -d "$c" ]] && compgen -G "$c/writing-domain*.jar" >/dev/null; then
    lib=$c
    break
  fi
done
if [[ -z "$lib" ]]; then
  war="$WLP_HOME/usr/servers/database-admin/apps/database-admin.war"
  if [[ -f "$war" ]]; then
    lib=$(mktemp -d)
    trap 'rm -rf "$lib"' EXIT
    (cd "$lib" && unzip -q -j "$war" 'WEB-INF/lib/*.jar')
  else
    echo "restore-backup: cannot find the database-admin libraries; build it (mvn package) or set MCP_ADMIN_LIB" >&2
    exit 2
  fi
fi
command -v pg_restore >/dev/null || [[ -n "${MCP_BACKUP_PG_BIN:-}" ]] || {
  echo "restore-backup: pg_restore and psql are needed (PostgreSQL client tools), or set MCP_BACKUP_PG_BIN" >&2
  exit 2
}
java -cp "$lib/*" io.mcpwriting.domain.admin.backup.RestoreCommand "$@"
