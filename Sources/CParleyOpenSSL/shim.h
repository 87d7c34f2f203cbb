// One shim header for OpenSSL (libssl + libcrypto). Macros Swift cannot import get inline helpers here.
#ifndef CPARLEY_OPENSSL_SHIM_H
#define CPARLEY_OPENSSL_SHIM_H
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/opensslv.h>

static inline long cparley_bio_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }
#endif
