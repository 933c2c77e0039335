#!/usr/bin/env python3
"""Quality of partitions of the neighbour graph Wangge exported (`wangge partition … --export-graph G`).

Reads G (METIS format: vertex weight = site load, edge weight = 1 + 10 × relation weight) and its
sidecars G.sites.csv (site,x,y,load,group,district), G.households.csv (id,site) and, for the exact
relation cut, the original relations CSV (a,b[,weight] by household id). A plan is either a site-level
partition (Wangge's `district` column, a METIS partition file with one part per line) or a
household-level one (one part per household, in G.households.csv order, e.g. k-means-constrained).

Figures, all on households (the balance rule is assumed to be `households`, each household load 1 —
what the benchmarks use; site load = households at the site):
  balance      max |load − T| / T with T = households / k, and empty districts
  contiguity   districts whose households are not connected in the neighbour graph (households at
               one site are connected; a site split between districts counts in each), extra pieces
  edge cut     neighbour-graph edges between sites of different districts, and the METIS objective
               (sum of the exported edge weights over cut edges)
  groups split work groups (from the households GeoJSON when given, else the sites' group column)
               whose households are in more than one district
  relation cut weight fraction of relations whose two households are in different districts
  dispersion   Σ load · d² to the district's load-weighted centroid, km² · load (metric CRS)

Usage:
  evaluate.py G -k K --plan wangge=wangge --plan metis=G.part.K [--relations R.csv]
              [--households H.geojson] [--time wangge=1.2 --time metis=0.8]
Prints a markdown table, one row per plan. As a module: load_graph(), evaluate().
"""
import argparse
import csv
import json
import sys

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components


class Graph:
    """The exported neighbour graph with its sidecars, as numpy arrays."""

    def __init__(self, path, relations=None, households_geojson=None):
        self.path = path
        with open(path, encoding="utf-8") as f:
            header = f.readline().split()
            n = int(header[0])
            xadj = np.zeros(n + 1, dtype=np.int64)
            vwgt = np.zeros(n, dtype=np.int64)
            adj_parts, w_parts = [], []
            for v in range(n):
                nums = np.array(f.readline().split(), dtype=np.int64)
                vwgt[v] = nums[0]
                adj_parts.append(nums[1::2] - 1)
                w_parts.append(nums[2::2])
                xadj[v + 1] = xadj[v] + (len(nums) - 1) // 2
        self.n = n
        self.xadj = xadj
        self.adjncy = np.concatenate(adj_parts) if adj_parts else np.zeros(0, dtype=np.int64)
        self.adjwgt = np.concatenate(w_parts) if w_parts else np.zeros(0, dtype=np.int64)
        self.vwgt = vwgt
        src = np.repeat(np.arange(n), np.diff(xadj))
        once = src < self.adjncy
        self.edge_u, self.edge_v, self.edge_w = src[once], self.adjncy[once], self.adjwgt[once]

        sites = np.genfromtxt(path + ".sites.csv", delimiter=",", skip_header=1, dtype=np.float64)
        sites = sites.reshape(-1, 6)
        self.x, self.y = sites[:, 1], sites[:, 2]
        self.site_load = sites[:, 3]
        self.site_group = sites[:, 4].astype(np.int64)
        self.wangge_sites = sites[:, 5].astype(np.int64)

        ids, site_of = [], []
        with open(path + ".households.csv", encoding="utf-8", newline="") as f:
            r = csv.reader(f)
            next(r)
            for row in r:
                ids.append(row[0])
                site_of.append(int(row[1]))
        self.household_ids = ids
        self.site_of = np.array(site_of, dtype=np.int64)
        index = {h: i for i, h in enumerate(ids)}

        # Relations by household: the original file when given (exact), else the sidecar's site rows.
        if relations:
            a, b, w = [], [], []
            with open(relations, encoding="utf-8", newline="") as f:
                for row in csv.reader(f):
                    if len(row) < 2 or row[0] not in index or row[1] not in index:
                        continue  # header
                    a.append(index[row[0]])
                    b.append(index[row[1]])
                    w.append(float(row[2]) if len(row) > 2 and row[2] else 1.0)
            self.rel_a, self.rel_b, self.rel_w = np.array(a, dtype=np.int64), np.array(b, dtype=np.int64), np.array(w)
            self.rel_by_site = False
        else:
            rel = np.genfromtxt(path + ".relations.csv", delimiter=",", skip_header=1).reshape(-1, 3)
            self.rel_a, self.rel_b, self.rel_w = rel[:, 0].astype(np.int64), rel[:, 1].astype(np.int64), rel[:, 2]
            self.rel_by_site = True

        # Work group per household.
        if households_geojson:
            names, group = {}, np.full(len(ids), -1, dtype=np.int64)
            with open(households_geojson, encoding="utf-8") as f:
                for line in f:
                    line = line.strip().rstrip(",")
                    if not line.startswith('{"type":"Feature"'):
                        continue
                    p = json.loads(line)["properties"]
                    g = p.get("group")
                    i = index.get(str(p.get("id")))
                    if g is not None and i is not None:
                        group[i] = names.setdefault(g, len(names))
            self.household_group = group
        else:
            self.household_group = self.site_group[self.site_of]


def read_partition(path, n):
    parts = np.loadtxt(path, dtype=np.int64).reshape(-1)
    if len(parts) != n:
        sys.exit(f"{path}: {len(parts)} parts for {n} vertices")
    return parts


def evaluate(g, k, site_part=None, household_part=None):
    """Figures of a plan given per site or per household (exactly one)."""
    if household_part is None:
        household_part = site_part[g.site_of]
    hp = np.asarray(household_part, dtype=np.int64)
    load = np.ones(len(hp))
    total = load.sum()
    target = total / k
    dl = np.bincount(hp, weights=load, minlength=k)
    dev = np.abs(dl - target) / target

    # Contiguity over (site, district) nodes: households of one site in one district are one node.
    key = g.site_of * k + hp
    nodes, node_of = np.unique(key, return_inverse=True)
    node_site, node_part = nodes // k, nodes % k
    # For every graph edge s–t and district d holding households at both ends, connect (s,d)–(t,d).
    rows, cols = [], []
    # Sites' districts: sites with a single district (the usual case) vectorised; split sites looped.
    site_ndist = np.bincount(node_site, minlength=g.n)
    single = site_ndist[g.edge_u] + site_ndist[g.edge_v] == 2
    first_node = np.full(g.n, -1, dtype=np.int64)
    first_node[node_site[::-1]] = np.arange(len(nodes))[::-1]
    u, v = g.edge_u[single], g.edge_v[single]
    nu, nv = first_node[u], first_node[v]
    same = node_part[nu] == node_part[nv]
    rows.append(nu[same]); cols.append(nv[same])
    if (~single).any():
        by_site = {}
        for i, s in enumerate(node_site):
            by_site.setdefault(int(s), []).append(i)
        for s, t in zip(g.edge_u[~single], g.edge_v[~single]):
            pt = {int(node_part[j]): j for j in by_site.get(int(t), [])}
            for i in by_site.get(int(s), []):
                j = pt.get(int(node_part[i]))
                if j is not None:
                    rows.append(np.array([i])); cols.append(np.array([j]))
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    m = len(nodes)
    adj = coo_matrix((np.ones(len(r)), (r, c)), shape=(m, m)).tocsr()
    _, comp = connected_components(adj, directed=False)
    pieces = np.zeros(k, dtype=np.int64)
    pairs = np.unique(node_part * (comp.max() + 1) + comp)
    np.add.at(pieces, pairs // (comp.max() + 1), 1)
    noncontiguous = int((pieces > 1).sum())

    # Edge cut on sites (a site split between districts, household-level plans only: its majority
    # district).
    if site_part is not None:
        site_major = np.asarray(site_part, dtype=np.int64)
    else:
        pair, count = np.unique(key, return_counts=True)
        order = np.lexsort((count, pair // k))  # by site, then count ascending: the last per site wins
        site_major = np.zeros(g.n, dtype=np.int64)
        site_major[(pair // k)[order]] = (pair % k)[order]
    cut = site_major[g.edge_u] != site_major[g.edge_v]

    # Groups split.
    grp = g.household_group
    has = grp >= 0
    gp = np.unique(grp[has] * k + hp[has])
    per_group = np.bincount(gp // k)
    groups = int((per_group > 0).sum())
    groups_split = int((per_group > 1).sum())

    # Relation cut.
    if g.rel_by_site:
        ra, rb = site_major[g.rel_a], site_major[g.rel_b]
    else:
        ra, rb = hp[g.rel_a], hp[g.rel_b]
    rel_total = g.rel_w.sum()
    rel_cut = g.rel_w[ra != rb].sum()

    # Dispersion, households at their site's coordinates.
    hx, hy = g.x[g.site_of], g.y[g.site_of]
    cx = np.bincount(hp, weights=load * hx, minlength=k) / np.maximum(dl, 1e-12)
    cy = np.bincount(hp, weights=load * hy, minlength=k) / np.maximum(dl, 1e-12)
    disp = float((load * ((hx - cx[hp]) ** 2 + (hy - cy[hp]) ** 2)).sum())

    return {
        "max_dev": float(dev.max()),
        "empty": int((dl == 0).sum()),
        "noncontiguous": noncontiguous,
        "extra_pieces": int(pieces.sum() - (pieces > 0).sum()),
        "edges_cut": int(cut.sum()),
        "edges": int(len(cut)),
        "metis_cut": int(g.edge_w[cut].sum()),
        "groups_split": groups_split,
        "groups": groups,
        "relation_cut": float(rel_cut / rel_total) if rel_total > 0 else 0.0,
        "dispersion_km2": disp / 1e6,
    }


HEADER = ("| plan | time | max \\|dev\\| | empty | non-contiguous (extra pieces) | edges cut | METIS cut "
          "| groups split | relation cut | dispersion (km²·load) |")


def row(name, f, seconds=None):
    t = f"{seconds:.3f} s" if seconds is not None else "–"
    return (f"| {name} | {t} | {f['max_dev'] * 100:.2f}% | {f['empty']} | {f['noncontiguous']} ({f['extra_pieces']}) "
            f"| {f['edges_cut']}/{f['edges']} | {f['metis_cut']} | {f['groups_split']}/{f['groups']} "
            f"| {f['relation_cut'] * 100:.2f}% | {f['dispersion_km2']:.3f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph")
    ap.add_argument("-k", type=int, required=True)
    ap.add_argument("--plan", action="append", default=[],
                    help="NAME=wangge (the sites' district column), NAME=FILE (METIS part per site) or "
                         "NAME=households:FILE (part per household)")
    ap.add_argument("--time", action="append", default=[], help="NAME=SECONDS")
    ap.add_argument("--relations", help="original relations CSV (a,b[,weight] by household id)")
    ap.add_argument("--households", help="households GeoJSON (work group per household)")
    args = ap.parse_args()
    g = Graph(args.graph, relations=args.relations, households_geojson=args.households)
    times = dict((t.split("=", 1)[0], float(t.split("=", 1)[1])) for t in args.time)
    print(HEADER)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for p in args.plan:
        name, _, src = p.partition("=")
        if src == "wangge":
            f = evaluate(g, args.k, site_part=g.wangge_sites)
        elif src.startswith("households:"):
            f = evaluate(g, args.k, household_part=np.loadtxt(src[11:], dtype=np.int64).reshape(-1))
        else:
            f = evaluate(g, args.k, site_part=read_partition(src, g.n))
        print(row(name, f, times.get(name)))


if __name__ == "__main__":
    main()
