// The element-wise and attention steps of the BERT encoder, in plain C loops that the compiler
// vectorises (and that stay usable in a debug build, unlike generic SIMD code). Matrix products
// are not here: they go through the platform's BLAS.
#ifndef PLAYBOOK_EMBEDDING_KERNELS_H
#define PLAYBOOK_EMBEDDING_KERNELS_H

#include <stdint.h>

/// x[row] += bias for `rows` rows of `width`.
void pb_add_bias(float *x, long rows, long width, const float *bias);

/// x = layer_norm(x + residual) row by row (biased variance); residual may be NULL.
void pb_add_layer_norm(float *x, const float *residual, long rows, long width,
                       const float *gamma, const float *beta, float epsilon);

/// GELU with the error function, x * (1 + erf(x / sqrt 2)) / 2, in place.
void pb_gelu(float *x, long count);

/// Attention of one head within one sentence of `length` tokens: softmax(q k^T * scale) v.
/// qkv rows hold query, key and value side by side (3 * hidden floats); the head's context
/// goes to its columns of the `hidden`-wide rows of `context`. `scratch` holds
/// pb_attention_scratch(length, head_size) floats.
void pb_attention_head(const float *qkv, long length, long hidden, long head, long head_size, float scale,
                       float *context, float *scratch);

/// The floats `pb_attention_head` needs as scratch for a sentence of `length` tokens.
long pb_attention_scratch(long length, long head_size);

/// 1 when the processor has AVX-512 (F, BW, DQ and VL), which the kernels then use.
int pb_has_avx512(void);

/// The embedding cache's checksum (format 2): four interleaved lanes of 64-bit multiply-xorshift
/// over 32-byte blocks, so the processor runs them side by side (a single chain was 4x slower).
/// `state` holds the four lanes; `count` must be a multiple of 32 except in the last call.
void pb_checksum_start(uint64_t state[4]);
void pb_checksum_blocks(uint64_t state[4], const unsigned char *bytes, long count);
/// Folds the last `count` (< 32) bytes and the lanes into the sum.
uint64_t pb_checksum_finish(const uint64_t state[4], const unsigned char *tail, long count, uint64_t total_length);

/// 1 when none of the `count` little-endian float32 values at `bytes` (any alignment) is NaN or infinite.
int pb_all_finite(const unsigned char *bytes, long count);

/// A 64-bit hash of `count` bytes (for tables keyed by text, not stored anywhere).
uint64_t pb_hash_bytes(const unsigned char *bytes, long count, uint64_t seed);

#endif
