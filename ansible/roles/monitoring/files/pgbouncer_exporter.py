#!/usr/bin/python3
# Managed by Ansible (MCP Writing, ansible/roles/monitoring/files/pgbouncer_exporter.py).
"""Runs Debian's prometheus-pgbouncer-exporter 1.7 against PgBouncer >= 1.8.

The packaged exporter has two problems with Debian 12's PgBouncer 1.18:

1. Its StatsCollector reads the SHOW STATS column ``total_requests``, which PgBouncer 1.8 replaced by
   ``total_query_count`` (PgBouncer NEWS, 1.8). The collector raises KeyError, so registration fails
   at start-up, or every scrape answers HTTP 500. Here the metric ``pgbouncer_requests_total`` is fed
   from ``total_query_count`` instead (same meaning: SQL queries pooled by PgBouncer), so the metric
   names stay those that monitoring/ uses.
2. It opens its admin-console connection once and never reconnects, so it fails for good after a
   PgBouncer restart. Here the connection is reopened on the next scrape after a failure.

The package's files are not modified (an upgrade keeps working, and this wrapper is idempotent); the
command line is the package's (see prometheus-pgbouncer-exporter --help).
"""

import psycopg2

from prometheus_pgbouncer_exporter import cli, collectors, utils


def _patch_stats_columns():
    metrics = dict(collectors.StatsCollector.metrics)
    if "total_requests" in metrics:
        metrics["total_query_count"] = metrics.pop("total_requests")
    collectors.StatsCollector.metrics = metrics


class ReconnectingConnection:
    """A psycopg2 connection to PgBouncer's admin console that is reopened after a failure."""

    def __init__(self, user, port, host):
        self._args = (user, port, host)
        self._connection = None

    def _get(self):
        if self._connection is None or self._connection.closed:
            self._connection = utils.get_connection(*self._args)
        return self._connection

    def cursor(self):
        try:
            return self._get().cursor()
        except psycopg2.Error:
            self.close()
            raise

    def close(self):
        if self._connection is not None:
            try:
                self._connection.close()
            except psycopg2.Error:
                pass
        self._connection = None


def _with_reconnect(query):
    def run(connection, key):
        try:
            return query(connection, key)
        except (psycopg2.OperationalError, psycopg2.InterfaceError):
            # The connection broke (PgBouncer restarted): drop it; this scrape fails, the next reconnects.
            connection.close()
            raise
    return run


def main():
    _patch_stats_columns()
    collectors.get_data_by_named_column = _with_reconnect(utils.get_data_by_named_column)
    collectors.get_data_by_named_row = _with_reconnect(utils.get_data_by_named_row)
    cli.get_connection = ReconnectingConnection
    cli.main()


if __name__ == "__main__":
    main()
