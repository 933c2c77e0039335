#!/usr/bin/env python3
"""How few households can a redraw move? An exact lower bound with a small MILP, beside the moves made.

The bound: assign whole work groups (ungrouped households alone; households at one coordinate, an
apartment block, are one node of the neighbour graph and go with their groups as one unit) of the new
households to the k districts, every district's load (households) within ±tolerance of T = total / k, minimising the
continuing households (present in the previous plan) that leave their previous district. Newcomers
cost nothing. Contiguity, barriers and shared sites are ignored, so no plan keeping the hard rules can
move fewer: it is a lower bound on any redraw's households moved. Solved with HiGHS through
scipy.optimize.milp (scipy is installed; pip installs it when missing).

With contiguity (`--graph G`, the neighbour graph `wangge partition HOUSEHOLDS --export-graph G` writes,
barriers and crossings included): the same MILP with separator cuts added round by round wherever a
district's units fall in pieces; each round's optimum is a lower bound for plans keeping every hard rule,
and the first round whose districts are all connected gives the exact minimum. Rounds stop at --rounds or
--time-limit (then the figure is "at least").

Usage:
  redraw_bound.py HOUSEHOLDS --previous PLAN [--redraw PLAN2] [--graph G] [-k K] [--tolerance 0.05]
      prints the bound (and, with --redraw, that plan's moves and retention beside it)
  redraw_bound.py --table 1,2,3,4,5,6 [--barriers] [--contiguous] [--runs-dir DIR]
      for each seed: `wangge sample --seed N --evolve`, a partition of households.geojson (the previous
      plan), `wangge redraw` of households-evolved.geojson and a fresh partition of it; prints a
      markdown table: seed, band reachable (CP-SAT, barrier_packing.py, with or without the river), redraw
      worst deviation, retention, moved, the whole-group bound, moved / bound, the bound with contiguity
      (with --contiguous; the fresh partition exports the graph) and the fresh partition's best-matched
      retention. Without --barriers the town has no barrier problem (the river file is not passed).
      Environment: WANGGE=/path/to/wangge skips the release build.
"""
import argparse, json, math, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def ensure_scipy():
    try:
        import scipy.optimize  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "scipy"], check=True)


def wangge_binary():
    if os.environ.get("WANGGE"):
        return os.environ["WANGGE"]
    subprocess.run(["swift", "build", "-c", "release", "--product", "wangge"], cwd=ROOT, check=True, stdout=sys.stderr)
    return os.path.join(ROOT, ".build", "release", "wangge")


def features(path):
    return json.load(open(path))["features"]


def households(path, group_field="group", with_points=False):
    """id -> (group or None); households are the Point features (a plan's, or a households file's).
    With `with_points`, also id -> the point's coordinates (a tuple)."""
    out, points = {}, {}
    for f in features(path):
        p = f.get("properties") or {}
        if p.get("kind", "household") != "household":
            continue
        g = p.get(group_field)
        out[str(p["id"])] = None if g in (None, "") else str(g)
        points[str(p["id"])] = tuple((f.get("geometry") or {}).get("coordinates") or ())
    return (out, points) if with_points else out


def units(new, points=None):
    """The units a plan cannot split: work groups (a household without one alone), joined with every
    other household at the same coordinates when `points` is given (DESIGN section 4: coincident
    points are one node of the neighbour graph, so an apartment block's households, and the groups
    they belong to, always share a district)."""
    parent = {}
    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    for hid, g in new.items():
        find(("h", hid))
        if g is not None:
            union(("h", hid), ("g", g))
        if points is not None and points.get(hid):
            union(("h", hid), ("p", points[hid]))
    out = {}
    for hid in new:
        out.setdefault(find(("h", hid)), []).append(hid)
    return list(out.values())


def previous_districts(plan):
    return {str(f["properties"]["id"]): f["properties"]["district"]
            for f in features(plan) if f["properties"].get("kind") == "household"}


def assignment_model(new, prev, k, tolerance, points):
    """The MILP both bounds solve: x[a, j] = 1 when unit a (a work group with the households sharing
    its coordinates, see `units`) goes to district j; each unit in one district, each district's load in
    the band; cost[a, j] = continuing households of unit a whose previous district is not j. Returns
    (districts, index of each, units, band low, band high, cost (m × k), constraint matrix (CSR), lower
    and upper bounds of its rows)."""
    import numpy as np
    from scipy.sparse import lil_matrix
    districts = sorted(set(prev.values()))
    if len(districts) != k:
        districts = (districts + [f"new{i}" for i in range(k)])[:k]
    dindex = {d: j for j, d in enumerate(districts)}
    atoms = units(new, points)
    m, target = len(atoms), len(new) / k
    lo, hi = math.ceil((1 - tolerance) * target - 1e-9), math.floor((1 + tolerance) * target + 1e-9)
    cost = np.zeros((m, k))
    for a, members in enumerate(atoms):
        cont = [prev[h] for h in members if h in prev]
        for j, d in enumerate(districts):
            cost[a, j] = sum(1 for x in cont if x != d)
    A = lil_matrix((m + k, m * k))
    for a in range(m):
        for j in range(k):
            A[a, a * k + j] = 1
            A[m + j, a * k + j] = len(atoms[a])
    lb = np.concatenate([np.ones(m), np.full(k, lo)])
    ub = np.concatenate([np.ones(m), np.full(k, hi)])
    return districts, dindex, atoms, lo, hi, cost, A.tocsr(), lb, ub


def bound(new, prev, k, tolerance, points=None):
    """(minimum continuing households moved, continuing households, status); with `points`, households
    at one coordinate form one unit with their groups (a tighter bound that is still a lower bound)."""
    import numpy as np
    from scipy.optimize import milp, LinearConstraint, Bounds
    districts, dindex, atoms, lo, hi, cost, A, lb, ub = assignment_model(new, prev, k, tolerance, points)
    n = cost.size
    res = milp(cost.ravel(), constraints=LinearConstraint(A, lb, ub), integrality=np.ones(n),
               bounds=Bounds(0, 1), options={"time_limit": 300})
    continuing = sum(1 for h in new if h in prev)
    if res.x is None:
        return None, continuing, res.message
    return int(round(res.fun)), continuing, "optimal" if res.status == 0 else res.message


def read_graph(path):
    """The neighbour graph `wangge partition --export-graph PATH` wrote (METIS format, sites numbered
    from 1) and its households sidecar: (site adjacency lists, household id -> site)."""
    import csv
    lines = [l.split() for l in open(path) if not l.startswith("%")]
    sites = int(lines[0][0])
    fmt = lines[0][2] if len(lines[0]) > 2 else "000"
    step = 2 if fmt.endswith("1") else 1
    first = 1 if len(fmt) >= 2 and fmt[-2] == "1" else 0
    adjacency = []
    for i in range(sites):
        row = [int(x) for x in lines[1 + i]]
        adjacency.append([row[j] - 1 for j in range(first, len(row), step)])
    site = {r["id"]: int(r["site"]) for r in csv.DictReader(open(path + ".households.csv"))}
    return adjacency, site


def contiguous_bound(new, prev, k, tolerance, points, graph, rounds=40, time_limit=600, check=None):
    """The bound above with contiguity added lazily: each district's units must be connected in the
    neighbour graph (`graph`: read_graph's result). Each round solves the MILP; for every district
    left in pieces it adds, per piece C (valid for every plan whose districts are connected and in the
    band): when C is lighter than the band's lower edge, x[a,d] - sum over the units bordering C of
    x[u,d] <= 0 for each unit a of C (d needs load outside C, and a path to it leaves C through a
    bordering unit); otherwise, for every pair (a, b) of units in C and another piece, the separator cut
    x[a,d] + x[b,d] - sum over the units bordering C of x[u,d] <= 1. When a
    round's optimum has every district connected it is the exact minimum for plans keeping groups
    whole, balance and contiguity (barriers are in the graph); otherwise the last optimum is still a
    lower bound. `check` (household id -> district, e.g. the redraw's plan): when that plan is in the
    band with whole units and connected districts, every cut must leave it feasible (a self-test; a
    violated cut stops the run). Returns
    (moves, status, rounds used)."""
    import time
    import numpy as np
    from scipy.optimize import milp, LinearConstraint, Bounds
    from scipy.sparse import vstack, coo_matrix
    adjacency, site = graph
    districts, dindex, atoms, lo, hi, cost, base, base_lb, base_ub = assignment_model(new, prev, k, tolerance, points)
    m, n = len(atoms), cost.size
    unit_of_site = {}
    for a, members in enumerate(atoms):
        for h in members:
            unit_of_site[site[h]] = a
    near = [set() for _ in range(m)]
    for s, row in enumerate(adjacency):
        for t in row:
            a, b = unit_of_site.get(s), unit_of_site.get(t)
            if a is not None and b is not None and a != b:
                near[a].add(b); near[b].add(a)
    cuts = []
    if check is not None:
        # Only a plan in the band, with whole units and connected districts, must satisfy the cuts.
        held = {}
        for a, members in enumerate(atoms):
            ds = {check.get(h) for h in members}
            if len(ds) != 1 or next(iter(ds)) not in dindex:
                check = None
                break
            held[next(iter(ds))] = held.get(next(iter(ds)), 0) + len(members)
        if check is not None and any(not (lo <= held.get(d, 0) <= hi) for d in districts):
            check = None
        if check is not None:
            unit_district = [check[members[0]] for members in atoms]
            for d in districts:
                mine = [a for a in range(m) if unit_district[a] == d]
                seen, stack = {mine[0]}, [mine[0]]
                while stack:
                    u = stack.pop()
                    for v in near[u]:
                        if unit_district[v] == d and v not in seen:
                            seen.add(v); stack.append(v)
                if len(seen) != len(mine):
                    check = None
                    break
    start = time.monotonic()
    best, status, used = None, "no solution", 0
    for used in range(1, rounds + 1):
        left = time_limit - (time.monotonic() - start)
        if left <= 1:
            break
        if cuts:
            rows, cols, vals = [], [], []
            for r, (pos, neg, _) in enumerate(cuts):
                for j, v in [(j, 1) for j in pos] + [(j, -1) for j in neg]:
                    rows.append(r); cols.append(j); vals.append(v)
            C = coo_matrix((vals, (rows, cols)), shape=(len(cuts), n))
            A_all = vstack([base, C.tocsr()])
            lb = np.concatenate([base_lb, np.full(len(cuts), -np.inf)])
            ub = np.concatenate([base_ub, np.array([rhs for _, _, rhs in cuts], dtype=float)])
        else:
            A_all, lb, ub = base, base_lb, base_ub
        res = milp(cost.ravel(), constraints=LinearConstraint(A_all, lb, ub), integrality=np.ones(n),
                   bounds=Bounds(0, 1), options={"time_limit": left})
        if res.x is None or res.status != 0:
            status = f"lower bound after {used - 1} rounds (round {used}: {res.message})"
            break
        best = int(round(res.fun))
        assign = res.x.reshape(m, k).argmax(axis=1)
        added = 0
        for d in range(k):
            mine = {a for a in range(m) if assign[a] == d}
            pieces, seen = [], set()
            for a in sorted(mine):
                if a in seen:
                    continue
                piece, stack = [], [a]
                seen.add(a)
                while stack:
                    u = stack.pop(); piece.append(u)
                    for v in near[u]:
                        if v in mine and v not in seen:
                            seen.add(v); stack.append(v)
                pieces.append(piece)
            for piece in pieces if len(pieces) > 1 else []:
                border = set().union(*(near[u] for u in piece)) - set(piece)
                if sum(len(atoms[u]) for u in piece) < lo:
                    for a in piece:
                        cuts.append(([a * k + d], [u * k + d for u in sorted(border)], 0))
                        added += 1
                    continue
                for other in pieces:
                    if other is piece:
                        continue
                    for a in piece:
                        for b in other:
                            cuts.append(([a * k + d, b * k + d], [u * k + d for u in sorted(border)], 1))
                            added += 1
        if check is not None:
            chosen = {a * k + dindex[check[atoms[a][0]]] for a in range(m)}
            for pos, neg, rhs in cuts[len(cuts) - added:]:
                value = sum(1 for j in pos if j in chosen) - sum(1 for j in neg if j in chosen)
                if value > rhs:
                    raise SystemExit(f"contiguity cut violated by the checked plan (a bug): {pos} {neg} <= {rhs}")
        print(f"  contiguity round {used}: {best} moved, {added} cuts added ({time.monotonic() - start:.0f} s)",
              file=sys.stderr, flush=True)
        if added == 0:
            return best, "optimal, every district connected", used
        status = f"lower bound after {used} rounds, districts still in pieces"
    return best, status, used


def moves(plan2, prev):
    now = previous_districts(plan2)
    both = [h for h in now if h in prev]
    moved = sum(1 for h in both if now[h] != prev[h])
    return moved, len(both)


def best_matched_retention(plan2, prev):
    """Retention of a plan whose ids are arbitrary, under the best one-to-one id matching."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment
    now = previous_districts(plan2)
    a, b = sorted(set(now.values())), sorted(set(prev.values()))
    shared = np.zeros((len(a), len(b)))
    for h, d in now.items():
        if h in prev:
            shared[a.index(d), b.index(prev[h])] += 1
    r, c = linear_sum_assignment(-shared)
    both = sum(1 for h in now if h in prev)
    return shared[r, c].sum() / both


def summary_figure(text, pattern):
    m = re.search(pattern, text)
    return float(m.group(1)) if m else float("nan")


def table(seeds, barriers, runs_dir, k, tolerance, contiguous=None):
    wangge = wangge_binary()
    rows = []
    for seed in seeds:
        d = os.path.join(runs_dir, f"seed{seed}")
        os.makedirs(d, exist_ok=True)
        if not os.path.exists(os.path.join(d, "households-evolved.geojson")):
            subprocess.run([wangge, "sample", "--seed", str(seed), "--evolve", "-o", d, "-q"], check=True)
        common = ["-k", str(k), "--tolerance", str(tolerance), "--boundary", os.path.join(d, "bagongshan-boundary.geojson")]
        if not os.path.exists(os.path.join(d, "bagongshan-boundary.geojson")):
            common = ["-k", str(k), "--tolerance", str(tolerance)]
        if barriers:
            common += ["--barriers", os.path.join(d, "river.geojson")]
        prev_plan, redraw_plan, fresh_plan = (os.path.join(d, x) for x in ("previous.geojson", "redraw.geojson", "fresh.geojson"))
        subprocess.run([wangge, "partition", os.path.join(d, "households.geojson"), *common, "-o", prev_plan, "-q"],
                       check=True, stdout=subprocess.DEVNULL)
        out = subprocess.run([wangge, "redraw", os.path.join(d, "households-evolved.geojson"), "--previous", prev_plan,
                              *common, "-o", redraw_plan, "-q"], check=True, capture_output=True, text=True).stdout
        graph = os.path.join(d, "evolved.graph")
        subprocess.run([wangge, "partition", os.path.join(d, "households-evolved.geojson"), *common, "-o", fresh_plan, "-q",
                        *(["--export-graph", graph] if contiguous else [])], check=True, stdout=subprocess.DEVNULL)
        worst = summary_figure(out, r"worst deviation ([\d.]+)%")
        env = dict(os.environ, WANGGE=wangge)
        boundary = os.path.join(d, "bagongshan-boundary.geojson")
        proof = subprocess.run([sys.executable, os.path.join(HERE, "barrier_packing.py"),
                                os.path.join(d, "households-evolved.geojson"), "-k", str(k), "--tolerance", str(tolerance),
                                "--boundary", boundary if os.path.exists(boundary) else "none",
                                "--barriers", os.path.join(d, "river.geojson") if barriers else "none",
                                "--time-limit", "300", "--hint", redraw_plan], capture_output=True, text=True, env=env).stdout
        reachable = ("no (proved)" if "cannot be reached" in proof else
                     "yes (proved)" if "is reachable" in proof else "undecided")
        prev = previous_districts(prev_plan)
        new, points = households(os.path.join(d, "households-evolved.geojson"), with_points=True)
        b0, continuing, _ = bound(new, prev, k, tolerance)
        b, continuing, status = bound(new, prev, k, tolerance, points)
        bc, status_c = None, "—"
        if contiguous:
            bc, status_c, _ = contiguous_bound(new, prev, k, tolerance, points, read_graph(graph), *contiguous,
                                               previous_districts(redraw_plan))
        moved, both = moves(redraw_plan, prev)
        fresh = best_matched_retention(fresh_plan, prev)
        rows.append((seed, reachable, worst, 1 - moved / both, moved, both, b0, b, status, fresh, bc, status_c))
        print(f"seed {seed}: redraw moved {moved}/{both}, worst {worst}%, bound {b} ({status}; groups only {b0}), "
              f"fresh {fresh:.3f}", file=sys.stderr)
    def ratio(moved, b):
        return f"{moved / b:.2f}" if b else ("—" if b is None else ("1.00" if moved == 0 else "∞"))
    print("| seed | band reachable | redraw worst dev. | retention | moved | bound, groups only | bound, groups and sites "
          "| moved / bound (sites) | bound with contiguity | moved / that bound | fresh partition, best-matched retention |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for seed, reach, worst, ret, moved, both, b0, b, status, fresh, bc, status_c in rows:
        contig = "—" if bc is None else f"{bc} ({'exact' if status_c.startswith('optimal') else 'at least'})"
        print(f"| {seed} | {reach} | {worst:.1f}% | {100 * ret:.1f}% | {moved} of {both} | {b0} | "
              f"{b if b is not None else 'infeasible'} | {ratio(moved, b)} | {contig} | "
              f"{ratio(moved, bc) if bc is not None else '—'} | {100 * fresh:.1f}% |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("households", nargs="?")
    ap.add_argument("--previous")
    ap.add_argument("--redraw")
    ap.add_argument("-k", type=int, default=21)
    ap.add_argument("--tolerance", type=float, default=0.05)
    ap.add_argument("--group-field", default="group")
    ap.add_argument("--table")
    ap.add_argument("--barriers", action="store_true")
    ap.add_argument("--graph", help="neighbour graph from `wangge partition HOUSEHOLDS --export-graph G` "
                    "(same barriers): adds the bound with contiguity")
    ap.add_argument("--contiguous", action="store_true", help="with --table: add the bound with contiguity")
    ap.add_argument("--rounds", type=int, default=40, help="contiguity rounds (MILP solves) at most")
    ap.add_argument("--time-limit", type=float, default=600, help="seconds for the contiguity rounds")
    ap.add_argument("--runs-dir", default=os.path.join(ROOT, "Benchmarks", "out", "redraw-bound"))
    args = ap.parse_args()
    ensure_scipy()
    if args.table:
        table([int(s) for s in args.table.split(",")], args.barriers, args.runs_dir, args.k, args.tolerance,
              (args.rounds, args.time_limit) if args.contiguous else None)
        return
    if not args.households or not args.previous:
        ap.error("HOUSEHOLDS and --previous are needed (or --table SEEDS)")
    prev = previous_districts(args.previous)
    new, points = households(args.households, args.group_field, with_points=True)
    b0, continuing, status0 = bound(new, prev, args.k, args.tolerance)
    print(f"{len(new)} households, {continuing} continuing; whole-group bound on households moved: {b0} ({status0})")
    b, continuing, status = bound(new, prev, args.k, args.tolerance, points)
    print(f"whole-group bound with households at one coordinate kept together: {b} ({status}), "
          f"retention at most {100 * (1 - (b or 0) / continuing):.1f}%")
    if args.graph:
        bc, status_c, used = contiguous_bound(new, prev, args.k, args.tolerance, points, read_graph(args.graph),
                                              args.rounds, args.time_limit,
                                              previous_districts(args.redraw) if args.redraw else None)
        print(f"with contiguity (separator cuts, {used} rounds): {bc} ({status_c}), "
              f"retention at most {100 * (1 - (bc or 0) / continuing):.1f}%")
        b = bc or b
    if args.redraw:
        moved, both = moves(args.redraw, prev)
        print(f"redraw {args.redraw}: moved {moved} of {both} ({100 * (1 - moved / both):.1f}% retention); "
              f"moved / bound = {moved / b:.2f}" if b else f"redraw moved {moved} of {both}")


if __name__ == "__main__":
    main()
