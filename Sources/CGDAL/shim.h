#ifndef WANGGE_CGDAL_SHIM_H
#define WANGGE_CGDAL_SHIM_H
// GDAL/OGR C API: vector datasets (GDALOpenEx, GDALCreate), features and geometries (ogr_api.h),
// spatial references and transformations (ogr_srs_api.h), errors and option lists (cpl_*.h).
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#endif
