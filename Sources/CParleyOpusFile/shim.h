// One shim header for libopusfile.
#ifndef CPARLEY_OPUSFILE_SHIM_H
#define CPARLEY_OPUSFILE_SHIM_H
#include <opus/opusfile.h>
#endif
