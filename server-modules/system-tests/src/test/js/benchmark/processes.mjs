// CPU and memory of the processes behind the servers, read from /proc: each Liberty server (by its pid file),
// PgBouncer and PostgreSQL (every process of theirs), and this client process.
import { readFileSync, readdirSync, existsSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

const stat = (pid) => {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { comm: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
};

const status = (pid, field) => {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

const pss = (pid) => {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
};

const pidsByComm = (comm) => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((pid) => stat(pid)?.comm === comm);

/** The pids to account: { liberty: {server: pid}, pgbouncer: [pid], postgres: [pid] }. */
export function findProcesses(wlpServersDir, servers) {
  const liberty = {};
  for (const s of servers) {
    const file = `${wlpServersDir}/.pid/${s}.pid`;
    if (existsSync(file)) liberty[s] = readFileSync(file, 'utf8').trim();
  }
  return { liberty, pgbouncer: pidsByComm('pgbouncer'), postgres: pidsByComm('postgres') };
}

/** CPU ticks now, per group; PostgreSQL's backends come and go, so its group is re-read each time. */
export function cpuSnapshot(procs) {
  const sum = (pids) => pids.reduce((a, pid) => a + (stat(pid)?.ticks ?? 0), 0);
  const postgres = pidsByComm('postgres');
  const perServer = Object.fromEntries(Object.entries(procs.liberty).map(([s, pid]) => [s, stat(pid)?.ticks ?? 0]));
  const client = process.cpuUsage();
  return {
    perServer,
    liberty: Object.values(perServer).reduce((a, b) => a + b, 0),
    pgbouncer: sum(procs.pgbouncer),
    postgresByPid: Object.fromEntries(postgres.map((pid) => [pid, stat(pid)?.ticks ?? 0])),
    clientMs: (client.user + client.system) / 1000,
  };
}

/** Milliseconds of CPU per call of each group between two snapshots. */
export function cpuPerCall(before, after, calls) {
  let pg = 0;
  for (const [pid, t] of Object.entries(after.postgresByPid)) pg += t - (before.postgresByPid[pid] ?? 0);
  const per = (ticks) => (ticks * TICK_MS) / calls;
  const result = {
    liberty: per(after.liberty - before.liberty),
    pgbouncer: per(after.pgbouncer - before.pgbouncer),
    postgres: per(pg),
    client: (after.clientMs - before.clientMs) / calls,
    perServer: Object.fromEntries(Object.keys(after.perServer).map((s) => [s, per(after.perServer[s] - before.perServer[s])])),
  };
  result.server = result.liberty + result.pgbouncer + result.postgres;
  return result;
}

/** Resident and proportional memory of each Liberty server. */
export function memory(procs) {
  return Object.fromEntries(Object.entries(procs.liberty).map(([s, pid]) => [s, { rss: status(pid, 'VmRSS'), pss: pss(pid) }]));
}
