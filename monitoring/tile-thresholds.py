#!/usr/bin/env python3
"""Checks that a dashboard stat tile's colour steps are the alert thresholds it names.

A threshold is recorded once, in prometheus/rules/recording.yml, as a series
`threshold:<what>:<unit>` with `expr: vector(<number or product>)`. Grafana
takes a stat tile's colour steps from the panel, so a tile repeats the values;
a tile that colours by thresholds names their series in its description, and
this check fails when its steps (after the base step) are not exactly those
values, in ascending order, or when a named series is not recorded.

Usage: monitoring/tile-thresholds.py   (run by monitoring/validate.sh)
"""
import glob
import json
import math
import os
import re
import sys

import yaml

here = os.path.dirname(os.path.abspath(__file__))


def recorded_thresholds():
    with open(os.path.join(here, "prometheus/rules/recording.yml")) as f:
        rules = yaml.safe_load(f)
    values = {}
    for group in rules["groups"]:
        for rule in group["rules"]:
            name = rule.get("record", "")
            if not name.startswith("threshold:"):
                continue
            m = re.fullmatch(r"\s*vector\(\s*([0-9.]+(?:\s*\*\s*[0-9.]+)*)\s*\)\s*", rule["expr"])
            if not m:
                sys.exit(f"FAIL: {name} is not vector(<number or product>): {rule['expr']}")
            values[name] = math.prod(float(x) for x in m.group(1).split("*"))
    return values


def main():
    thresholds = recorded_thresholds()
    failed = checked = 0
    for path in sorted(glob.glob(os.path.join(here, "grafana/dashboards/*.json"))):
        with open(path) as f:
            dashboard = json.load(f)
        for panel in dashboard.get("panels", []):
            named = re.findall(r"threshold:[a-z0-9_]+:[a-z]+", panel.get("description", ""))
            if panel.get("type") != "stat" or not named:
                continue
            where = f"{os.path.basename(path)} / {panel.get('title')}"
            unknown = [n for n in named if n not in thresholds]
            steps = panel["fieldConfig"]["defaults"]["thresholds"]["steps"]
            have = [s["value"] for s in steps if s.get("value") is not None]
            want = sorted(thresholds[n] for n in named if n in thresholds)
            checked += 1
            if unknown:
                print(f"FAIL: {where} names {', '.join(unknown)}, which recording.yml does not record")
                failed += 1
            elif not (len(have) == len(want) and all(math.isclose(a, b) for a, b in zip(have, want))):
                print(f"FAIL: {where} colours at {have}, but {', '.join(named)} are {want}")
                failed += 1
            else:
                print(f"ok: {where} colours at {', '.join(named)}")
    if checked == 0:
        print("FAIL: no stat tile names a threshold series")
        failed += 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
