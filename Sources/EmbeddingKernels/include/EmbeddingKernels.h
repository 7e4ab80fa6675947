// The element-wise and attention steps of the BERT encoder, in plain C loops that the compiler
// vectorises (and that stay usable in a debug build, unlike generic SIMD code). Matrix products
// are not here: they go through the platform's BLAS.
#ifndef PLAYBOOK_EMBEDDING_KERNELS_H
#define PLAYBOOK_EMBEDDING_KERNELS_H

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
/// length * (head_size + length) floats.
void pb_attention_head(const float *qkv, long length, long hidden, long head, long head_size, float scale,
                       float *context, float *scratch);

#endif
