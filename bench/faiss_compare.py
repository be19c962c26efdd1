#!/usr/bin/python3
"""Time single-query searches of a FAISS index file with Debian's python3-faiss.

Used by `stylist bench` (bench/python.go) to compare its cgo search path with
Python's on the same index file and the same query vectors.

    /usr/bin/python3 faiss_compare.py --version
    /usr/bin/python3 faiss_compare.py JOB.json

JOB.json: {"index": PATH, "queries": PATH.npy (float32, n x d), "k": 20,
           "warmup": 30, "runs": [{"efSearch": 128, "nprobe": 0, "k_factor_rf": 0}, ...]}
A zero or missing setting keeps the value stored in the index. The index is
read afresh for every run so settings never leak from one run to the next.

Prints JSON: {"faiss_version": ..., "runs": [{"applied": {...}, "ignored": [...],
"latencies_ns": [...], "cpu_ns": [...] (thread CPU time), "ids": [[...], ...]}, ...]}
"""
import json
import sys
import time

import faiss
import numpy as np

SETTINGS = ("efSearch", "nprobe", "k_factor_rf")


def run_one(job, xq, spec):
    index = faiss.read_index(job["index"])
    ps = faiss.ParameterSpace()
    applied, ignored = {}, []
    for name in SETTINGS:
        val = spec.get(name) or 0
        if val <= 0:
            continue
        try:
            ps.set_index_parameter(index, name, float(val))
            applied[name] = val
        except RuntimeError:
            ignored.append(name)  # the index has no such setting (the Go side ignores it too)
    k = int(job["k"])
    warm = min(int(job.get("warmup", 0)), len(xq))
    for i in range(warm):
        index.search(xq[i:i + 1], k)
    lat, cpu, ids = [], [], []
    clock, thread_clock = time.perf_counter_ns, time.thread_time_ns
    for i in range(len(xq)):
        q = xq[i:i + 1]
        c, t = thread_clock(), clock()
        _, labels = index.search(q, k)
        lat.append(clock() - t)
        cpu.append(thread_clock() - c)
        ids.append(labels[0].tolist())
    return {"applied": applied, "ignored": ignored, "latencies_ns": lat, "cpu_ns": cpu, "ids": ids}


def main(argv):
    if len(argv) == 2 and argv[1] == "--version":
        print(faiss.__version__)
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        job = json.load(f)
    faiss.omp_set_num_threads(1)  # same as the Go side: one OpenMP thread per single query
    xq = np.ascontiguousarray(np.load(job["queries"]), dtype="float32")
    runs = [run_one(job, xq, spec) for spec in job["runs"]]
    json.dump({"faiss_version": faiss.__version__, "runs": runs}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
