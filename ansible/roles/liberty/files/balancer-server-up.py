#!/usr/bin/env python3
"""Waits until HAProxy marks one server of one backend UP, through its runtime API (the stats socket).

  balancer-server-up.py SOCKET BACKEND SERVER TIMEOUT_SECONDS

Prints one JSON object and exits 0 (the calling task decides): {"state": ..., "seconds": ..., "check": ...}, where
state is "UP" (also when it already was), "no-balancer" (no socket, or nothing answers on it: HAProxy is not
deployed or not running on this host), "no-server" (the backend or the server is not in its configuration, e.g. a
server enabled by this deploy, added to the balancer later in the play) or, at the timeout, HAProxy's last status
of the server (DOWN, DOWN 1/2, MAINT, DRAIN, ...).
"""
import csv
import io
import json
import os
import socket
import sys
import time


def stat(path):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(5)
    try:
        s.connect(path)
        s.sendall(b"show stat\n")
        data = b"".join(iter(lambda: s.recv(65536), b""))
    finally:
        s.close()
    text = data.decode(errors="replace").lstrip("# ")
    return list(csv.DictReader(io.StringIO(text)))


def main():
    path, backend, server, timeout = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    start = time.monotonic()
    state, check = "no-balancer", ""
    while True:
        if not os.path.exists(path):
            state = "no-balancer"
            break
        try:
            rows = stat(path)
        except OSError:
            state = "no-balancer"
            break
        row = next((r for r in rows if r.get("pxname") == backend and r.get("svname") == server), None)
        if row is None:
            state = "no-server"
            break
        state, check = row.get("status", ""), row.get("check_desc", "") or row.get("check_status", "")
        if state in ("UP", "no check") or time.monotonic() - start >= timeout:
            break
        time.sleep(0.5)
    print(json.dumps({"state": state, "seconds": round(time.monotonic() - start, 1), "check": check}))


if __name__ == "__main__":
    main()
