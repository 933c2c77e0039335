#!/usr/bin/env python3
"""Wangge's ensemble chains against GerryChain's recom on the same graphs, in one run (issue 15).

For each case the release CLI runs `wangge ensemble` once with --export-graph, which writes the graph the
chains walk on (nodes = sites with --split-groups, work groups otherwise; loads; edges; relations; the start
plan). GerryChain then runs `recom` (pair_selection="cut_edges", random-weight MST, the same population
tolerance) on exactly that graph from exactly that start plan. Reported: steps/s of both (one chain, one core
each, chain set-up excluded), their ratio, and a two-sample KS test of the relation-cut fraction on thinned
samples of both chains (same proposal, so the same stationary distribution).

Usage: WANGGE=.build/release/wangge python3 Benchmarks/ensemble/bench_ensemble.py [--quick]
Needs: pip install gerrychain scipy (the Makefile's bench-ensemble target installs them).
"""
import json, os, re, subprocess, sys, time, signal, statistics

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WANGGE = os.environ.get("WANGGE", os.path.join(ROOT, ".build/release/wangge"))
OUT = os.path.join(ROOT, "Benchmarks/out/ensemble")
SAMPLE = os.path.join(ROOT, "sample-geo")
QUICK = "--quick" in sys.argv
GC_LIMIT = float(os.environ.get("GC_LIMIT", "120"))   # seconds GerryChain gets per case
THIN = 20

def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr}")
    return p

def wangge_ensemble(households, extra, steps, name, chains=1):
    csv = os.path.join(OUT, f"{name}.csv"); graph = os.path.join(OUT, f"{name}.graph.json")
    cmd = [WANGGE, "ensemble", households, "-k", "21", "--steps", str(steps), "--chains", str(chains),
           "--thin", str(THIN), "--burn-in", "0", "--export-graph", graph, "-o", csv] + extra
    p = run(cmd)
    m = re.search(r"(\d+) steps in ([\d.]+) s: (\d+) steps/s, acceptance ([\d.]+)%", p.stderr)
    method = re.search(r"(recom|merge-split) over (\d+) nodes", p.stderr)
    rows = [l.split(",") for l in open(csv).read().splitlines()[1:]]
    relcut = [float(r[4]) for r in rows if r[0] == "0"]
    relcut_steps = [int(r[1]) for r in rows if r[0] == "0"]
    return dict(steps=int(m.group(1)), seconds=float(m.group(2)), rate=int(m.group(1)) / float(m.group(2)),
                acceptance=float(m.group(4)), method=method.group(1), nodes=int(method.group(2)),
                relcut=relcut, relcut_steps=relcut_steps, graph=graph)

class Timeout(Exception): pass

def gerrychain_recom(graph_path, seconds_limit, max_steps):
    import networkx as nx
    from gerrychain import Graph, Partition, MarkovChain
    from gerrychain.updaters import Tally, cut_edges
    from gerrychain.proposals import recom
    from gerrychain.accept import always_accept
    from functools import partial
    import random
    with open(graph_path) as f:
        g = json.load(f)
    G = nx.Graph()
    for i, n in enumerate(g["nodes"]):
        G.add_node(i, load=n["load"], district=n["district"])
    for a, b, w in g["edges"]:
        G.add_edge(a, b)
    rel = g["relations"]; total = g["relation_total"]
    graph = Graph.from_networkx(G)
    part = Partition(graph, assignment="district", updaters={"load": Tally("load", alias="load"), "cut_edges": cut_edges})
    target = g["target"]; eps = (g["upper"] - g["target"]) / g["target"]
    proposal = partial(recom, pop_col="load", pop_target=target, epsilon=eps, node_repeats=0,
                       pair_selection="cut_edges", rng=random.Random(1))
    chain = MarkovChain(proposal_fn=proposal, constraints=[], acceptance_fn=always_accept, initial_partition=part,
                        total_steps=max_steps)
    def handler(signum, frame): raise Timeout()
    signal.signal(signal.SIGALRM, handler); signal.alarm(int(seconds_limit))
    relcut, steps, error = [], 0, None
    t0 = time.perf_counter()
    try:
        for state in chain:
            if steps > 0 and steps % THIN == 0:
                a = state.assignment
                cut = sum(w for u, v, w in rel if a[u] != a[v])
                relcut.append(cut / total if total > 0 else 0)
            steps += 1
    except Timeout:
        error = f"stopped after {seconds_limit:.0f} s"
    except Exception as e:  # GerryChain gives up: "Could not find a possible cut …"
        error = f"{type(e).__name__}: {str(e)[:160]}"
    finally:
        signal.alarm(0)
    elapsed = time.perf_counter() - t0
    # The first state is the start plan, not a step.
    return dict(steps=max(steps - 1, 0), seconds=elapsed, rate=max(steps - 1, 0) / elapsed, relcut=relcut, error=error)

def main():
    from scipy.stats import ks_2samp
    os.makedirs(OUT, exist_ok=True)
    town = os.path.join(OUT, "town10k")
    if not os.path.exists(os.path.join(town, "households.geojson")):
        run([WANGGE, "sample", "--households", "10000", "--seed", "1", "-q", "-o", town])
    sample_extra = ["--relations", f"{SAMPLE}/relations.csv", "--barriers", f"{SAMPLE}/river.geojson",
                    "--boundary", f"{SAMPLE}/bagongshan-boundary.geojson"]
    # The town without its river: with it, the partition's start misses the ±5% band (5.08%), and the
    # chains need an in-band start.
    town_extra = ["--relations", f"{town}/relations.csv"]
    cases = [
        ("sample, households (--split-groups)", f"{SAMPLE}/households.geojson", sample_extra + ["--split-groups"], "sample_split", 20000 if not QUICK else 4000),
        ("10⁴ town, households (--split-groups)", f"{town}/households.geojson", town_extra + ["--split-groups"], "town_split", 20000 if not QUICK else 2000),
        ("sample, work groups whole", f"{SAMPLE}/households.geojson", sample_extra, "sample_groups", 100000 if not QUICK else 10000),
    ]
    lines = ["| Graph | nodes | Wangge proposal | Wangge steps/s | GerryChain recom steps/s | ratio | relation cut: Wangge mean (n) | GerryChain mean (n) | KS p | Wangge mean, GerryChain's steps | KS p, same steps |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for title, hh, extra, name, steps in cases:
        w = wangge_ensemble(hh, extra, steps, name)
        print(f"{title}: wangge {w['method']} {w['rate']:.0f} steps/s over {w['nodes']} nodes", flush=True)
        gc = gerrychain_recom(w["graph"], GC_LIMIT, steps)
        note = f" ({gc['error']})" if gc["error"] else ""
        print(f"  gerrychain recom: {gc['steps']} steps in {gc['seconds']:.1f} s = {gc['rate']:.2f} steps/s{note}", flush=True)
        ratio = w["rate"] / gc["rate"] if gc["rate"] > 0 else float("inf")
        ks = ks_2samp(w["relcut"], gc["relcut"]).pvalue if len(gc["relcut"]) >= 10 else None
        # The same window of steps as GerryChain ran (both chains start from the same plan).
        window = [v for v, s in zip(w["relcut"], w["relcut_steps"]) if s <= gc["steps"]]
        ks_window = ks_2samp(window, gc["relcut"]).pvalue if len(gc["relcut"]) >= 10 and len(window) >= 10 else None
        mean = lambda v: statistics.fmean(v) if v else float("nan")
        lines.append(f"| {title} | {w['nodes']} | {w['method']} | {w['rate']:.0f} | {gc['rate']:.2f}{note} | "
                     f"{ratio:.0f}× | {mean(w['relcut']):.4f} ({len(w['relcut'])}) | {mean(gc['relcut']):.4f} ({len(gc['relcut'])}) | "
                     f"{'–' if ks is None else f'{ks:.3g}'} | {mean(window):.4f} | {'–' if ks_window is None else f'{ks_window:.3g}'} |")
    print("\n".join(lines))

if __name__ == "__main__":
    main()
