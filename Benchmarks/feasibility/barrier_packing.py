#!/usr/bin/env python3
"""Can a plan be balanced at all without crossing the barriers? An exact answer with CP-SAT.

Each part of the neighbour graph that barriers cut off (a component of the work-group graph) must
hold a whole number m of districts, each connected, work groups whole, load within ±tolerance of
T = total / k. For every component and every m its load allows, OR-Tools CP-SAT decides whether m such
districts exist (a relaxation tightened by connectivity cuts until it is exact, then, when that runs
out of time, the exact flow model; see `feasible`). If no
choice of m per component adds up to k, no plan (and no redraw) can reach the band without a district
astride a barrier: the data force it. With `--barriers none` there is one component, and the answer is
whether the band is reachable at all with whole groups and connected districts.

Usage: Benchmarks/feasibility/barrier_packing.py HOUSEHOLDS [-k 21] [--tolerance 0.05]
           [--boundary F|none] [--barriers F|none] [--group-field group] [--time-limit 120] [--hint PLAN]
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


def load_graph(prefix, households_path, group_field="group"):
    """The units no plan can split as atoms: each work group joined with every site (coordinate) its
    households stand at, so households at one coordinate, and the groups they belong to, are one atom
    (DESIGN section 4); a household without a group is its site's. Loads (the sites' balance loads) and
    adjacency come from the exported site graph; the groups from the households file."""
    sys.path.insert(0, HERE)
    from redraw_bound import households
    sites = list(csv.DictReader(open(prefix + ".sites.csv")))
    site_of = {r["id"]: int(r["site"]) for r in csv.DictReader(open(prefix + ".households.csv"))}
    parent = list(range(len(sites)))
    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]; a = parent[a]
        return a
    first_site = {}
    for hid, g in households(households_path, group_field).items():
        if g is None:
            continue
        s = site_of[hid]
        if g in first_site:
            parent[find(s)] = find(first_site[g])
        else:
            first_site[g] = s
    ids = {}
    atom_of_site = [ids.setdefault(find(i), len(ids)) for i in range(len(sites))]
    load = [0] * len(ids)
    for i, s in enumerate(sites):
        load[atom_of_site[i]] += int(round(float(s["load"])))
    lines = [l for l in open(prefix).read().split("\n") if not l.startswith("%")]
    adj = [set() for _ in range(len(ids))]
    for i in range(len(sites)):
        tokens = lines[1 + i].split()[1:]          # METIS format 011: vertex weight, then (neighbour, weight)
        for u in tokens[0::2]:
            a, b = atom_of_site[i], atom_of_site[int(u) - 1]
            if a != b:
                adj[a].add(b); adj[b].add(a)
    return load, [sorted(s) for s in adj], {hid: atom_of_site[s] for hid, s in site_of.items()}


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


def pieces(members, adj):
    """The connected pieces of a set of atoms."""
    left, out = set(members), []
    while left:
        stack = [left.pop()]; piece = [stack[0]]
        while stack:
            u = stack.pop()
            for v in adj[u]:
                if v in left:
                    left.discard(v); stack.append(v); piece.append(v)
        out.append(piece)
    return out


def feasible_by_cuts(atoms, load, adj, m, lo, hi, time_limit, start=None):
    """Whether the atoms can form m connected districts of whole atoms with loads in [lo, hi]: CP-SAT on
    a relaxation, tightened round by round until its answer is exact either way.

    The relaxation: each atom in one district, each district's load in the band, and (when no atom alone
    reaches lo, so that every district holds two atoms or more) each atom with a neighbour in its own
    district. When a solution leaves a district in pieces, every piece C lighter than lo gives a cut
    valid for all connected in-band plans: if C lies wholly in district j, j needs load outside C and a
    path to it, so an atom bordering C is in j too (sum of x[a, j] over C − (|C| − 1) ≤ sum of x[u, j] over
    C's border). INFEASIBLE of a relaxation proves there is no such plan; a solution whose districts
    are all connected is one. (A disconnected district has at most one piece ≥ lo, because two would
    weigh more than hi, so every round adds cuts.) `start` (atom -> a district label) is a hint for the
    first round, e.g. a plan known to be good. Returns FEASIBLE, INFEASIBLE or UNKNOWN (time out)."""
    import time
    from ortools.sat.python import cp_model
    index = {a: i for i, a in enumerate(atoms)}
    n = len(atoms)
    nb = [[index[b] for b in adj[a] if b in index] for a in atoms]
    w = [load[a] for a in atoms]
    everyone_needs_a_neighbour = max(w) < lo
    cuts, hint, deadline = [], None, time.monotonic() + time_limit
    if start:
        labels = sorted({start[a] for a in atoms if a in start})
        if len(labels) == m and all(a in start for a in atoms):
            hint = [labels.index(start[a]) for a in atoms]
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return "UNKNOWN"
        model = cp_model.CpModel()
        x = [[model.NewBoolVar("") for _ in range(m)] for _ in range(n)]
        for i in range(n):
            model.AddExactlyOne(x[i])
        model.Add(x[0][0] == 1)                                   # labels are interchangeable
        if hint and hint[0] != 0:                                 # so the hint's labels follow suit
            swap = {0: hint[0], hint[0]: 0}
            hint = [swap.get(j, j) for j in hint]
        for j in range(m):
            model.Add(sum(w[i] * x[i][j] for i in range(n)) >= lo)
            model.Add(sum(w[i] * x[i][j] for i in range(n)) <= hi)
            if everyone_needs_a_neighbour:
                for i in range(n):
                    model.AddBoolOr([x[v][j] for v in nb[i]]).OnlyEnforceIf(x[i][j])
            for piece, border in cuts:
                model.Add(sum(x[a][j] for a in piece) - (len(piece) - 1) <= sum(x[u][j] for u in border))
        if hint:
            for i in range(n):
                for j in range(m):
                    model.AddHint(x[i][j], hint[i] == j)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = left
        solver.parameters.num_workers = 2
        status = solver.StatusName(solver.Solve(model))
        if status not in ("OPTIMAL", "FEASIBLE"):
            return status                                          # INFEASIBLE (proved) or UNKNOWN
        hint = [next(j for j in range(m) if solver.Value(x[i][j])) for i in range(n)]
        added = 0
        for j in range(m):
            parts = pieces([i for i in range(n) if hint[i] == j], nb)
            if len(parts) == 1:
                continue
            for piece in parts:
                if sum(w[i] for i in piece) < lo:
                    inside = set(piece)
                    cuts.append((piece, sorted({v for i in piece for v in nb[i]} - inside)))
                    added += 1
        if added == 0:
            return "FEASIBLE"                                      # every district connected


def feasible_by_flow(atoms, load, adj, m, lo, hi, time_limit):
    """The exact model: districts as labels, connectivity by single-commodity flow from one root per
    district. Weaker than the cuts when the part is large, and sometimes faster to prove INFEASIBLE."""
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


def feasible(atoms, load, adj, m, lo, hi, time_limit, start=None):
    """FEASIBLE, INFEASIBLE or UNKNOWN: the cuts' model for half the time, then the flow model."""
    verdict = feasible_by_cuts(atoms, load, adj, m, lo, hi, time_limit / 2, start)
    return verdict if verdict != "UNKNOWN" else feasible_by_flow(atoms, load, adj, m, lo, hi, time_limit / 2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("households")
    ap.add_argument("-k", type=int, default=21)
    ap.add_argument("--tolerance", type=float, default=0.05)
    ap.add_argument("--boundary", default=os.path.join(ROOT, "sample-geo", "bagongshan-boundary.geojson"),
                    help="boundary file, or 'none' (the default region)")
    ap.add_argument("--barriers", default=os.path.join(ROOT, "sample-geo", "river.geojson"),
                    help="barriers file, or 'none' (one part: is the band reachable at all?)")
    ap.add_argument("--group-field", default="group")
    ap.add_argument("--time-limit", type=float, default=120, help="seconds per part and district count")
    ap.add_argument("--hint", help="a plan of these households to start the search from (e.g. a redraw)")
    args = ap.parse_args()
    ensure_ortools()
    wangge = wangge_binary()
    options = ["-k", str(args.k), "--group-field", args.group_field]
    if args.boundary != "none":
        options += ["--boundary", args.boundary]
    if args.barriers != "none":
        options += ["--barriers", args.barriers]
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, "graph")
        subprocess.run([wangge, "partition", args.households, *options, "-o", os.path.join(tmp, "plan.geojson"),
                        "--export-graph", prefix, "-q"], check=True, stdout=subprocess.DEVNULL)
        load, adj, atom_of = load_graph(prefix, args.households, args.group_field)
    start = None
    if args.hint:
        sys.path.insert(0, HERE)
        from redraw_bound import previous_districts
        start = {}
        for hid, district in previous_districts(args.hint).items():
            if hid in atom_of:
                a = atom_of[hid]
                start[a] = district if start.get(a, district) == district else None
        start = {a: d for a, d in start.items() if d is not None}
    total = sum(load)
    target = total / args.k
    lo, hi = math.ceil((1 - args.tolerance) * target - 1e-9), math.floor((1 + args.tolerance) * target + 1e-9)
    comp, count = components(adj)
    print(f"{total} households, k = {args.k}, T = {target:.2f}: districts of {lo}–{hi} households; "
          f"{len(load)} units (work groups with the sites they stand at) in {count} barrier-separated part(s)")
    # Per part, the verdict for every district count its load allows; then whether the counts of some
    # choice, one per part, add up to k (reachable: all FEASIBLE; open: some UNKNOWN).
    sums = {0: "FEASIBLE"}
    for c in range(count):
        atoms = [a for a in range(len(load)) if comp[a] == c]
        l = sum(load[a] for a in atoms)
        counts = [m for m in range(1, args.k + 1) if m * lo <= l <= m * hi]
        verdicts = {m: feasible(atoms, load, adj, m, lo, hi, args.time_limit, start) for m in counts}
        print(f"part {c + 1}: {len(atoms)} units, {l} households; " +
              (", ".join(f"{m} districts: {v}" for m, v in verdicts.items()) or "no whole number of districts fits"))
        step = {}
        for total_m, known in sums.items():
            for m, v in verdicts.items():
                if v == "INFEASIBLE" or total_m + m > args.k:
                    continue
                both = "FEASIBLE" if known == v == "FEASIBLE" else "UNKNOWN"
                if step.get(total_m + m) != "FEASIBLE":
                    step[total_m + m] = both
        sums = step
    where = "without a district astride a barrier" if count > 1 else "by any plan of whole groups and connected districts"
    if args.k not in sums:
        print(f"=> the band cannot be reached {where} (proved).")
    elif sums[args.k] == "FEASIBLE":
        print("=> the band is reachable (a plan of whole groups, connected districts within every part, in the band exists).")
    else:
        print("=> undecided within the time limit.")


if __name__ == "__main__":
    main()
