// One shim header for libogg.
#ifndef CPARLEY_OGG_SHIM_H
#define CPARLEY_OGG_SHIM_H
#include <ogg/ogg.h>
#endif
