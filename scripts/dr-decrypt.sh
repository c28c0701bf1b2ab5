#!/usr/bin/env bash
# Disaster recovery without Java: decrypts an OpenPGP backup of the database-admin server (*.pgp) with GnuPG and,
# when asked, restores it into a database with pg_restore. Needs only gpg, sha256sum and pg_restore, the backup
# (with its .sha256 file beside it) and a secret key it was encrypted to (its manifest lists their key ids).
#
#   scripts/dr-decrypt.sh --file=full-20250131T020000Z-1a2b.dump.pgp [--secret-key=backup-secret.asc]
#                         [--output=FILE] [--dbname=DATABASE [--clean]]
#
#   --file        the backup; its checksum (FILE.sha256, as the server wrote it) is verified first when present
#   --secret-key  an exported secret key or keyring (gpg --export-secret-keys --armor KEYID), imported into a
#                 throwaway GnuPG home that is deleted afterwards; without it, your own gpg keyring is used
#   --output      where the decrypted backup goes (default: a private temporary file, deleted after --dbname)
#   --dbname      restore the decrypted archive into this existing database (a name or a postgresql:// URI), in
#                 one transaction (pg_restore --single-transaction --exit-on-error --no-owner); the connection
#                 comes from libpq's environment: PGHOST, PGPORT, PGUSER, PGPASSWORD
#   --clean       with --dbname: drop the backup's objects first (pg_restore --clean --if-exists), to restore
#                 over a database that still has them
#
# The secret key's passphrase: MCP_BACKUP_ENCRYPTION_SECRET_PASSPHRASE in the environment (gpg then runs in
# batch mode), else gpg asks for it. Incremental backups (*.sql.gz.pgp) are decrypted only: they are applied
# on top of their base by scripts/restore-backup.sh --drop-existing. Legacy *.enc backups need scripts/restore-backup.sh
# with MCP_BACKUP_ENCRYPTION_KEY. See docs/BACKUP-RESTORE.md, "Disaster recovery with GnuPG alone".
set -euo pipefail

say() { printf '[dr-decrypt] %s\n' "$*" >&2; }
die() { say "$1"; exit "${2:-1}"; }
usage() { sed -n '6,7p' "$0" >&2; exit 2; }

file="" secret_key="" output="" dbname="" clean=false
for arg in "$@"; do
  case "$arg" in
    --file=*) file=${arg#--file=} ;;
    --secret-key=*) secret_key=${arg#--secret-key=} ;;
    --output=*) output=${arg#--output=} ;;
    --dbname=*) dbname=${arg#--dbname=} ;;
    --clean) clean=true ;;
    -h|--help) usage ;;
    *) say "unknown option $arg"; usage ;;
  esac
done
[[ -n "$file" ]] || { say "--file is required"; usage; }
[[ -f "$file" ]] || die "--file: $file does not exist" 2
[[ -z "$secret_key" || -f "$secret_key" ]] || die "--secret-key: $secret_key does not exist" 2
$clean && [[ -z "$dbname" ]] && die "--clean needs --dbname" 2
for tool in gpg sha256sum; do
  command -v "$tool" >/dev/null || die "$tool is needed (apt-get install gnupg coreutils)" 2
done
if [[ -n "$dbname" ]]; then
  command -v pg_restore >/dev/null || die "pg_restore is needed for --dbname (apt-get install postgresql-client)" 2
fi

case "$(head -c 8 "$file" | tr -d '\0')" in
  MCPENC01) die "$file is in the legacy AES-256-GCM format: restore it with scripts/restore-backup.sh and MCP_BACKUP_ENCRYPTION_KEY" 2 ;;
  PGDMP*) die "$file is not encrypted: restore it with pg_restore directly" 2 ;;
esac
incremental=false
[[ "$(basename "$file")" == *.sql.gz.pgp ]] && incremental=true
if $incremental && [[ -n "$dbname" ]]; then
  die "$file is an incremental backup (COPY data applied on top of its base): decrypt it without --dbname, or restore it with scripts/restore-backup.sh --drop-existing" 2
fi

# 1. The checksum the server recorded over the stored (encrypted) bytes.
checksum="$file.sha256"
if [[ -f "$checksum" ]]; then
  expected=$(cut -d' ' -f1 "$checksum")
  actual=$(sha256sum "$file" | cut -d' ' -f1)
  [[ "$expected" == "$actual" ]] || die "SHA-256 mismatch: $checksum says $expected, the file has $actual (corrupted or changed)"
  say "checksum ok ($actual)"
else
  say "no $checksum beside the backup: skipping the checksum (GnuPG's integrity check still applies)"
fi

# 2. A private work directory: the throwaway GnuPG home and the decrypted archive live there.
umask 077
work=$(mktemp -d)
cleanup() {
  if [[ -n "${GNUPGHOME:-}" && "$GNUPGHOME" == "$work"/* ]]; then
    gpgconf --homedir "$GNUPGHOME" --kill all >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
gpg_options=()
if [[ -n "$secret_key" ]]; then
  export GNUPGHOME="$work/gnupg"
  mkdir -m 700 "$GNUPGHOME"
  gpg --batch --quiet --import "$secret_key" || die "--secret-key: gpg could not import $secret_key"
fi
if [[ -n "${MCP_BACKUP_ENCRYPTION_SECRET_PASSPHRASE:-}" ]]; then
  gpg_options=(--batch --pinentry-mode loopback --passphrase-fd 3)
fi

# 3. Decrypt: gpg checks the integrity packet (MDC) and fails on an altered file.
plain=${output:-"$work/$(basename "${file%.pgp}")"}
say "decrypting $file with gpg into $plain"
gpg "${gpg_options[@]}" --yes --output "$plain" --decrypt "$file" 3<<<"${MCP_BACKUP_ENCRYPTION_SECRET_PASSPHRASE:-}" \
  || { rm -f -- "$plain"; die "gpg could not decrypt $file (see above: a missing secret key names the key ids it needs)"; }
if $incremental; then
  say "decrypted: $plain (gzip of COPY blocks)"
  exit 0
fi
if [[ -z "$dbname" ]]; then
  if command -v pg_restore >/dev/null; then
    listing=$(pg_restore --list "$plain") || die "$plain is not a readable pg_dump archive"
    say "decrypted: $plain (pg_dump archive, $(grep -v '^;' <<<"$listing" | grep -c .) entries)"
  else
    say "decrypted: $plain"
  fi
  exit 0
fi

# 4. Restore in one transaction: any error rolls everything back.
restore=(pg_restore --dbname="$dbname" --no-owner --single-transaction --exit-on-error)
$clean && restore+=(--clean --if-exists)
say "restoring into $dbname: ${restore[*]} $plain"
"${restore[@]}" "$plain" || die "pg_restore failed; nothing was restored (the transaction rolled back)"
say "restored $file into $dbname"
