#!/usr/bin/env python3
"""Can a plan be balanced at all without crossing the barriers? An exact answer with CP-SAT.

Each part of the neighbour graph that barriers cut off (a component of the work-group graph) must
hold a whole number m of districts, each connected, work groups whole, load within ±tolerance of
T = total / k. For every component and every m its load allows, this builds the exact model
(districts as labels, connectivity by single-commodity flow from one root per district) and asks
OR-Tools CP-SAT whether it has a solution. If some component has no feasible m, no plan (and no
redraw) can reach the band without a district astride a barrier: the data force it.

Usage: Benchmarks/feasibility/barrier_packing.py HOUSEHOLDS [-k 21] [--tolerance 0.05]
           [--boundary F] [--barriers F] [--time-limit 120]
Environment: WANGGE=/path/to/wangge skips the release build. Installs ortools with pip when missing.
Loads are households (the sample's balance rule).
"""
import argparse, csv, importlib.util, math, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def ensure_ortools():
    if importlib.util.find_spec("ortools") is None:
        print("pip install -q ortools", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "ortools"], check=True)


def wangge_binary():
    if os.environ.get("WANGGE"):
        return os.environ["WANGGE"]
    subprocess.run(["swift", "build", "-c", "release", "--product", "wangge"], cwd=ROOT, check=True, stdout=sys.stderr)
    return os.path.join(ROOT, ".build", "release", "wangge")


def load_graph(prefix):
    """Work groups (or lone sites) as atoms: loads and adjacency from the exported site graph."""
    sites = list(csv.DictReader(open(prefix + ".sites.csv")))
    lines = open(prefix).read().split("\n")
    atom_of_site, ids = [], {}
    for i, s in enumerate(sites):
        g = int(s["group"])
        key = ("g", g) if g >= 0 else ("s", i)
        ids.setdefault(key, len(ids))
        atom_of_site.append(ids[key])
    m = len(ids)
    load = [0] * m
    for i, s in enumerate(sites):
        load[atom_of_site[i]] += int(round(float(s["load"])))
    adj = [set() for _ in range(m)]
    for i in range(len(sites)):
        tokens = lines[1 + i].split()[1:]          # METIS format 011: vertex weight, then (neighbour, weight)
        for u in tokens[0::2]:
            a, b = atom_of_site[i], atom_of_site[int(u) - 1]
            if a != b:
                adj[a].add(b); adj[b].add(a)
    return load, [sorted(s) for s in adj]


def components(adj):
    comp, c = [-1] * len(adj), 0
    for s in range(len(adj)):
        if comp[s] >= 0:
            continue
        stack, comp[s] = [s], c
        while stack:
            u = stack.pop()
            for v in adj[u]:
                if comp[v] < 0:
                    comp[v] = c; stack.append(v)
        c += 1
    return comp, c


def feasible(atoms, load, adj, m, lo, hi, time_limit):
    from ortools.sat.python import cp_model
    index = {a: i for i, a in enumerate(atoms)}
    n = len(atoms)
    arcs = [(index[a], index[b]) for a in atoms for b in adj[a] if b in index]
    model = cp_model.CpModel()
    x = [[model.NewBoolVar("") for _ in range(m)] for _ in range(n)]
    root = [[model.NewBoolVar("") for _ in range(m)] for _ in range(n)]
    for i in range(n):
        model.AddExactlyOne(x[i])
    w = [load[a] for a in atoms]
    model.Add(x[0][0] == 1)                                   # labels are interchangeable
    for j in range(m):
        model.Add(sum(w[i] * x[i][j] for i in range(n)) >= lo)
        model.Add(sum(w[i] * x[i][j] for i in range(n)) <= hi)
        model.AddExactlyOne([root[i][j] for i in range(n)])
        flow = {}
        for (u, v) in arcs:
            f = model.NewIntVar(0, n, "")
            model.Add(f == 0).OnlyEnforceIf(x[u][j].Not())
            model.Add(f == 0).OnlyEnforceIf(x[v][j].Not())
            flow[u, v] = f
        for i in range(n):
            model.AddImplication(root[i][j], x[i][j])
            supply = model.NewIntVar(0, n, "")
            model.Add(supply == 0).OnlyEnforceIf(root[i][j].Not())
            out = sum(flow[u, v] for (u, v) in arcs if u == i)
            into = sum(flow[u, v] for (u, v) in arcs if v == i)
            model.Add(supply + into - out == x[i][j])           # every member takes one unit
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2
    return solver.StatusName(solver.Solve(model))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("households")
    ap.add_argument("-k", type=int, default=21)
    ap.add_argument("--tolerance", type=float, default=0.05)
    ap.add_argument("--boundary", default=os.path.join(ROOT, "sample-geo", "bagongshan-boundary.geojson"))
    ap.add_argument("--barriers", default=os.path.join(ROOT, "sample-geo", "river.geojson"))
    ap.add_argument("--time-limit", type=float, default=120)
    args = ap.parse_args()
    ensure_ortools()
    wangge = wangge_binary()
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, "graph")
        subprocess.run([wangge, "partition", args.households, "-k", str(args.k), "--boundary", args.boundary,
                        "--barriers", args.barriers, "-o", os.path.join(tmp, "plan.geojson"),
                        "--export-graph", prefix, "-q"], check=True, stdout=subprocess.DEVNULL)
        load, adj = load_graph(prefix)
    total = sum(load)
    target = total / args.k
    lo, hi = math.ceil((1 - args.tolerance) * target - 1e-9), math.floor((1 + args.tolerance) * target + 1e-9)
    comp, count = components(adj)
    print(f"{total} households, k = {args.k}, T = {target:.2f}: districts of {lo}–{hi} households; "
          f"{len(load)} work groups in {count} barrier-separated part(s)")
    forced = False
    for c in range(count):
        atoms = [a for a in range(len(load)) if comp[a] == c]
        l = sum(load[a] for a in atoms)
        options = [m for m in range(1, args.k + 1) if m * lo <= l <= m * hi]
        verdicts = {m: feasible(atoms, load, adj, m, lo, hi, args.time_limit) for m in options}
        print(f"part {c + 1}: {len(atoms)} groups, {l} households; " +
              (", ".join(f"{m} districts: {v}" for m, v in verdicts.items()) or "no whole number of districts fits"))
        if not any(v in ("OPTIMAL", "FEASIBLE", "UNKNOWN") for v in verdicts.values()):
            forced = True
    if forced:
        print("=> the band cannot be reached without a district astride a barrier (proved).")


if __name__ == "__main__":
    main()
