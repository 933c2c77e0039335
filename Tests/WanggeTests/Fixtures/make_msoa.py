#!/usr/bin/env python3
"""Turn one of Vidal et al.'s MSOA polygon files (Districting-Routing, Data/Dataset/<City>.geojson)
into a points CSV for Wangge: one row per MSOA at its shapely representative point (a point
guaranteed inside the polygon, not the centroid), with its population and borough.

Usage: make_msoa.py IN.geojson OUT.csv

Columns: id,lon,lat,population,borough
  id          the MSOA's CENSUS_ID (ONS code, e.g. E02000001)
  lon,lat     WGS84 degrees, 7 decimals
  population  the POPULATION property (integer)
  borough     NAME without its trailing number ("Westminster 020" -> "Westminster")
Rows keep the file's feature order.
"""
import csv
import json
import re
import sys

from shapely.geometry import shape


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    rows = []
    seen = set()
    for i, feature in enumerate(data["features"]):
        p = feature["properties"]
        mid = str(p["CENSUS_ID"])
        if mid in seen:
            sys.exit(f"feature {i}: duplicate CENSUS_ID {mid}")
        seen.add(mid)
        m = re.fullmatch(r"(.+?)\s+\d+", p["NAME"].strip())
        if not m:
            sys.exit(f"feature {i}: NAME {p['NAME']!r} does not end in a number")
        pt = shape(feature["geometry"]).representative_point()
        pop = p["POPULATION"]
        if int(pop) != pop or pop <= 0:
            sys.exit(f"feature {i}: POPULATION {pop!r} is not a positive integer")
        rows.append((mid, f"{pt.x:.7f}", f"{pt.y:.7f}", int(pop), m.group(1)))
    with open(dst, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "lon", "lat", "population", "borough"])
        w.writerows(rows)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
