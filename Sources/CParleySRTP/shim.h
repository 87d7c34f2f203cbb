// One shim header for libsrtp2.
#ifndef CPARLEY_SRTP_SHIM_H
#define CPARLEY_SRTP_SHIM_H
#include <srtp2/srtp.h>
#endif
