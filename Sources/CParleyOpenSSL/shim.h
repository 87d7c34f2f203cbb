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

/// EVP_EC_gen is a macro over the variadic EVP_PKEY_Q_keygen: a fresh ECDSA P-256 key, or NULL.
static inline EVP_PKEY *cparley_generate_p256_key(void) { return EVP_EC_gen("P-256"); }

// Macros over SSL_ctrl / BIO flags that Swift cannot import.
static inline long cparley_ssl_set_mtu(SSL *ssl, long mtu) { return SSL_set_mtu(ssl, mtu); }
static inline long cparley_dtls_set_link_mtu(SSL *ssl, long mtu) { return DTLS_set_link_mtu(ssl, mtu); }
static inline long cparley_dtls_get_timeout(SSL *ssl, struct timeval *tv) { return DTLSv1_get_timeout(ssl, tv); }
static inline long cparley_dtls_handle_timeout(SSL *ssl) { return DTLSv1_handle_timeout(ssl); }
static inline int cparley_ctx_set_min_proto(SSL_CTX *ctx, int version) { return (int)SSL_CTX_set_min_proto_version(ctx, version); }
static inline int cparley_ctx_set_max_proto(SSL_CTX *ctx, int version) { return (int)SSL_CTX_set_max_proto_version(ctx, version); }
static inline void cparley_bio_set_retry_read(BIO *bio) { BIO_set_retry_read(bio); }
static inline void cparley_bio_clear_retry_flags(BIO *bio) { BIO_clear_retry_flags(bio); }
static inline int cparley_ssl_set_app_data(SSL *ssl, void *data) { return SSL_set_app_data(ssl, data); }
static inline uint64_t cparley_ssl_op_no_query_mtu(void) { return SSL_OP_NO_QUERY_MTU; }
static inline void *cparley_ssl_get_app_data(const SSL *ssl) { return SSL_get_app_data(ssl); }
#endif
