#!/usr/bin/env python3
"""How few households can a redraw move? An exact lower bound with a small MILP, beside the moves made.

The bound: assign whole work groups (ungrouped households alone; households at one coordinate, an
apartment block, are one node of the neighbour graph and go with their groups as one unit) of the new
households to the k districts, every district's load (households) within ±tolerance of T = total / k, minimising the
continuing households (present in the previous plan) that leave their previous district. Newcomers
cost nothing. Contiguity, barriers and shared sites are ignored, so no plan keeping the hard rules can
move fewer: it is a lower bound on any redraw's households moved. Solved with HiGHS through
scipy.optimize.milp (scipy is installed; pip installs it when missing).

Usage:
  redraw_bound.py HOUSEHOLDS --previous PLAN [--redraw PLAN2] [-k K] [--tolerance 0.05]
      prints the bound (and, with --redraw, that plan's moves and retention beside it)
  redraw_bound.py --table 1,2,3,4,5,6 [--barriers] [--runs-dir DIR]
      for each seed: `wangge sample --seed N --evolve`, a partition of households.geojson (the previous
      plan), `wangge redraw` of households-evolved.geojson and a fresh partition of it; prints a
      markdown table: seed, band reachable (CP-SAT, barrier_packing.py, only with --barriers), redraw
      worst deviation, retention, moved, the whole-group bound, moved / bound, and the fresh partition's
      best-matched retention. Without --barriers the town has no barrier problem (the river file is
      not passed). Environment: WANGGE=/path/to/wangge skips the release build.
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


def bound(new, prev, k, tolerance, points=None):
    """(minimum continuing households moved, continuing households, status); with `points`, households
    at one coordinate form one unit with their groups (a tighter bound that is still a lower bound)."""
    import numpy as np
    from scipy.optimize import milp, LinearConstraint, Bounds
    from scipy.sparse import lil_matrix
    districts = sorted(set(prev.values()))
    if len(districts) != k:
        districts = (districts + [f"new{i}" for i in range(k)])[:k]
    dindex = {d: j for j, d in enumerate(districts)}
    atoms = units(new, points)
    m, total = len(atoms), len(new)
    target = total / k
    lo, hi = math.ceil((1 - tolerance) * target - 1e-9), math.floor((1 + tolerance) * target + 1e-9)
    # cost[a][j]: continuing households of atom a whose previous district is not j.
    cost = np.zeros((m, k))
    for a, members in enumerate(atoms):
        cont = [prev[h] for h in members if h in prev]
        for j, d in enumerate(districts):
            cost[a, j] = sum(1 for x in cont if x != d)
    n = m * k
    A = lil_matrix((m + k, n))
    for a in range(m):
        for j in range(k):
            A[a, a * k + j] = 1
            A[m + j, a * k + j] = len(atoms[a])
    lb = np.concatenate([np.ones(m), np.full(k, lo)])
    ub = np.concatenate([np.ones(m), np.full(k, hi)])
    res = milp(cost.ravel(), constraints=LinearConstraint(A.tocsr(), lb, ub), integrality=np.ones(n),
               bounds=Bounds(0, 1), options={"time_limit": 300})
    continuing = sum(1 for h in new if h in prev)
    if res.x is None:
        return None, continuing, res.message
    return int(round(res.fun)), continuing, "optimal" if res.status == 0 else res.message


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


def table(seeds, barriers, runs_dir, k, tolerance):
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
        subprocess.run([wangge, "partition", os.path.join(d, "households-evolved.geojson"), *common, "-o", fresh_plan, "-q"],
                       check=True, stdout=subprocess.DEVNULL)
        worst = summary_figure(out, r"worst deviation ([\d.]+)%")
        reachable = "—"
        if barriers:
            env = dict(os.environ, WANGGE=wangge)
            proof = subprocess.run([sys.executable, os.path.join(HERE, "barrier_packing.py"),
                                    os.path.join(d, "households-evolved.geojson"), "-k", str(k), "--tolerance", str(tolerance),
                                    "--boundary", os.path.join(d, "bagongshan-boundary.geojson"),
                                    "--barriers", os.path.join(d, "river.geojson"), "--time-limit", "60"],
                                   capture_output=True, text=True, env=env).stdout
            reachable = "no (proved)" if "cannot be reached" in proof else "yes"
        prev = previous_districts(prev_plan)
        new, points = households(os.path.join(d, "households-evolved.geojson"), with_points=True)
        b0, continuing, _ = bound(new, prev, k, tolerance)
        b, continuing, status = bound(new, prev, k, tolerance, points)
        moved, both = moves(redraw_plan, prev)
        fresh = best_matched_retention(fresh_plan, prev)
        rows.append((seed, reachable, worst, 1 - moved / both, moved, both, b0, b, status, fresh))
        print(f"seed {seed}: redraw moved {moved}/{both}, worst {worst}%, bound {b} ({status}; groups only {b0}), "
              f"fresh {fresh:.3f}", file=sys.stderr)
    def ratio(moved, b):
        return f"{moved / b:.2f}" if b else ("—" if b is None else ("1.00" if moved == 0 else "∞"))
    print("| seed | band reachable | redraw worst dev. | retention | moved | bound, groups only | bound, groups and sites "
          "| moved / bound (sites) | fresh partition, best-matched retention |")
    print("|---|---|---|---|---|---|---|---|---|")
    for seed, reach, worst, ret, moved, both, b0, b, status, fresh in rows:
        print(f"| {seed} | {reach} | {worst:.1f}% | {100 * ret:.1f}% | {moved} of {both} | {b0} | "
              f"{b if b is not None else 'infeasible'} | {ratio(moved, b)} | {100 * fresh:.1f}% |")


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
    ap.add_argument("--runs-dir", default=os.path.join(ROOT, "Benchmarks", "out", "redraw-bound"))
    args = ap.parse_args()
    ensure_scipy()
    if args.table:
        table([int(s) for s in args.table.split(",")], args.barriers, args.runs_dir, args.k, args.tolerance)
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
    if args.redraw:
        moved, both = moves(args.redraw, prev)
        print(f"redraw {args.redraw}: moved {moved} of {both} ({100 * (1 - moved / both):.1f}% retention); "
              f"moved / bound = {moved / b:.2f}" if b else f"redraw moved {moved} of {both}")


if __name__ == "__main__":
    main()
