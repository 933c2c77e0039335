#ifndef WANGGE_FUZZ_CGDALVSI_SHIM_H
#define WANGGE_FUZZ_CGDALVSI_SHIM_H
// GDAL's in-memory files (/vsimem/): the OGR fuzz target hands its bytes to GDAL without a disk file.
#include <cpl_vsi.h>
#include <cpl_conv.h>
#endif
