// One shim header for libsndfile.
#ifndef CPARLEY_SNDFILE_SHIM_H
#define CPARLEY_SNDFILE_SHIM_H
#include <sndfile.h>
#endif
