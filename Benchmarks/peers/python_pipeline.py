#!/usr/bin/env python3
"""A Python user's partition pipeline, the peer of a whole `wangge partition` run (issue 17):
read the households GeoJSON (json), project to their UTM zone (pyproj), Delaunay-triangulate the
distinct positions (scipy.spatial.Delaunay), build the neighbour graph (numpy) and cut it into k parts
with METIS (pymetis, ufactor 50 = 5% imbalance, seed 1), vertex weight = households at the position.
No work groups, relations, barriers, contiguity or service areas: the least a user would do.

Usage: Benchmarks/peers/python_pipeline.py HOUSEHOLDS.geojson -k K
Prints one line per step and `total S s` (wall clock of the whole pipeline, after imports).
"""
import argparse
import json
import sys
import time

import numpy as np
import pymetis
from pyproj import Transformer
from scipy.spatial import Delaunay


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("households")
    ap.add_argument("-k", type=int, required=True)
    args = ap.parse_args()
    t0 = time.perf_counter()
    steps = []

    def lap(name, since):
        now = time.perf_counter()
        steps.append((name, now - since))
        return now

    with open(args.households, encoding="utf-8") as f:
        doc = json.load(f)
    coords = np.array([feat["geometry"]["coordinates"][:2] for feat in doc["features"]], dtype=float)
    ids = [feat["properties"]["id"] for feat in doc["features"]]
    t = lap("read", t0)
    lon0 = float(coords[:, 0].mean())
    zone = int((lon0 + 180) // 6) + 1
    epsg = (32600 if coords[:, 1].mean() >= 0 else 32700) + zone
    x, y = Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True).transform(coords[:, 0], coords[:, 1])
    xy = np.column_stack([x, y])
    t = lap("project", t)
    sites, site_of, counts = np.unique(xy, axis=0, return_inverse=True, return_counts=True)
    tri = Delaunay(sites)
    s = tri.simplices
    edges = np.concatenate([s[:, [0, 1]], s[:, [1, 2]], s[:, [2, 0]]])
    edges = np.concatenate([edges, edges[:, ::-1]])
    edges = np.unique(edges, axis=0)
    xadj = np.zeros(len(sites) + 1, dtype=np.int64)
    np.add.at(xadj, edges[:, 0] + 1, 1)
    xadj = np.cumsum(xadj)
    adjncy = edges[:, 1].astype(np.int64)
    t = lap("Delaunay + graph", t)
    opts = pymetis.Options(ufactor=50, seed=1)
    _, parts = pymetis.part_graph(args.k, xadj=xadj, adjncy=adjncy, vweights=counts.astype(np.int64), options=opts)
    district = np.asarray(parts)[np.asarray(site_of).ravel()]
    t = lap("METIS", t)
    loads = np.bincount(district, minlength=args.k)
    target = len(ids) / args.k
    total = time.perf_counter() - t0
    print(", ".join(f"{n} {s:.3f} s" for n, s in steps) + f"; total {total:.3f} s")
    print(f"{len(ids)} households, {len(sites)} sites, {len(edges) // 2} edges, k={args.k}, "
          f"worst deviation {100 * np.abs(loads - target).max() / target:.2f}%")


if __name__ == "__main__":
    sys.exit(main())
