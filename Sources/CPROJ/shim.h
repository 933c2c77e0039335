#ifndef WANGGE_CPROJ_SHIM_H
#define WANGGE_CPROJ_SHIM_H
#include <proj.h>
#endif
