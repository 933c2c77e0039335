#!/usr/bin/env python3
"""QGIS as a real client of Wangge's GeoPackage plan (`make check-qgis`, not part of `make test`).

Partitions the bundled sample into a GeoPackage, loads its `districts` and `households` layers in
headless QGIS (QT_QPA_PLATFORM=offscreen), checks the districts with QGIS's own
`qgis:checkvalidity` (GEOS method), asserts the layer types and counts and that Chinese names
survive, and renders the map to a PNG. Exit 0 when every check holds, 1 otherwise.

Environment: WANGGE (the binary, default .build/debug/wangge), OUT (default out/qgis).
"""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WANGGE = os.environ.get("WANGGE", os.path.join(ROOT, ".build/debug/wangge"))
OUT = os.environ.get("OUT", os.path.join(ROOT, "out/qgis"))
SAMPLE = os.path.join(ROOT, "sample-geo")

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def main():
    start = time.time()
    os.makedirs(OUT, exist_ok=True)
    gpkg = os.path.join(OUT, "plan.gpkg")
    subprocess.run([WANGGE, "partition", os.path.join(SAMPLE, "households.geojson"), "-k", "21", "-q",
                    "--relations", os.path.join(SAMPLE, "relations.csv"),
                    "--boundary", os.path.join(SAMPLE, "bagongshan-boundary.geojson"),
                    "--barriers", os.path.join(SAMPLE, "river.geojson"),
                    "--labels", os.path.join(SAMPLE, "labels.csv"), "-o", gpkg],
                   check=True, stdout=subprocess.DEVNULL)
    wangge_done = time.time()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import (QgsApplication, QgsVectorLayer, QgsWkbTypes, QgsMapSettings,
                           QgsMapRendererSequentialJob, QgsCategorizedSymbolRenderer,
                           QgsRendererCategory, QgsSymbol, QgsMarkerSymbol)
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing
    import processing
    Processing.initialize()

    districts = QgsVectorLayer(gpkg + "|layername=districts", "districts", "ogr")
    households = QgsVectorLayer(gpkg + "|layername=households", "households", "ogr")
    check(districts.isValid() and households.isValid(), "both layers load")
    check(QgsWkbTypes.geometryType(districts.wkbType()) == QgsWkbTypes.PolygonGeometry,
          "districts is a polygon layer (%s)" % QgsWkbTypes.displayString(districts.wkbType()))
    check(QgsWkbTypes.geometryType(households.wkbType()) == QgsWkbTypes.PointGeometry,
          "households is a point layer (%s)" % QgsWkbTypes.displayString(households.wkbType()))
    check(districts.featureCount() == 21, "21 districts (got %d)" % districts.featureCount())
    check(households.featureCount() == 1312, "1312 households (got %d)" % households.featureCount())
    names = sorted(f["name"] for f in districts.getFeatures())
    check("第一片区" in names, "Chinese district names survive (%s …)" % ", ".join(names[:3]))

    result = processing.run("qgis:checkvalidity", {
        "INPUT_LAYER": districts, "METHOD": 2,  # 2 = GEOS
        "VALID_OUTPUT": "memory:", "INVALID_OUTPUT": "memory:", "ERROR_OUTPUT": "memory:"})
    check(result["INVALID_COUNT"] == 0 and result["ERROR_COUNT"] == 0,
          "qgis:checkvalidity: %d valid, %d invalid, %d errors"
          % (result["VALID_COUNT"], result["INVALID_COUNT"], result["ERROR_COUNT"]))
    check(result["VALID_COUNT"] == 21, "every district valid")

    # Render: districts coloured by district id, households as small dots.
    categories = []
    palette = ["#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69"]
    for i, f in enumerate(sorted(districts.getFeatures(), key=lambda f: f["district"])):
        symbol = QgsSymbol.defaultSymbol(districts.geometryType())
        symbol.setColor(QColor(palette[i % len(palette)]))
        categories.append(QgsRendererCategory(f["district"], symbol, f["district"]))
    districts.setRenderer(QgsCategorizedSymbolRenderer("district", categories))
    households.renderer().setSymbol(QgsMarkerSymbol.createSimple({"name": "circle", "size": "0.8", "color": "black"}))
    settings = QgsMapSettings()
    settings.setLayers([households, districts])
    settings.setDestinationCrs(districts.crs())
    extent = districts.extent()
    extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1000, 1000))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    png = os.path.join(OUT, "districts.png")
    check(job.renderedImage().save(png, "png"), "rendered " + png)
    print("time: wangge partition %.1f s, QGIS load + check + render %.1f s"
          % (wangge_done - start, time.time() - wangge_done))
    return 1 if failures else 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # QGIS 3.22 can crash in exitQgis() after Processing ran headless; the checks are done, so
    # leave without tearing QGIS down.
    os._exit(code)
