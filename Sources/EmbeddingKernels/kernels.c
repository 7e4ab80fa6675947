#include "EmbeddingKernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

void pb_add_bias(float *x, long rows, long width, const float *bias) {
    for (long r = 0; r < rows; r++) {
        float *line = x + r * width;
        for (long c = 0; c < width; c++) line[c] += bias[c];
    }
}

void pb_add_layer_norm(float *x, const float *residual, long rows, long width,
                       const float *gamma, const float *beta, float epsilon) {
    for (long r = 0; r < rows; r++) {
        float *line = x + r * width;
        if (residual) {
            const float *add = residual + r * width;
            for (long c = 0; c < width; c++) line[c] += add[c];
        }
        float sum = 0;
        for (long c = 0; c < width; c++) sum += line[c];
        const float mean = sum / (float)width;
        float squares = 0;
        for (long c = 0; c < width; c++) {
            const float d = line[c] - mean;
            squares += d * d;
        }
        const float scale = 1.0f / sqrtf(squares / (float)width + epsilon);
        for (long c = 0; c < width; c++) line[c] = (line[c] - mean) * scale * gamma[c] + beta[c];
    }
}

/// e^x for x <= 0, to about 2e-7 relative; below -87 it is 0. Branch-free so that loops vectorise.
static inline float exp_nonpositive(float x) {
    const float c = x < -87.0f ? -87.0f : x;
    // Round to nearest by adding and removing 1.5 * 2^23 (no rounding instruction needed).
    const float k = (c * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
    // r = c - k ln 2, with ln 2 in two parts so the product stays exact.
    const float r = (c - k * 0.693359375f) + k * 2.12194440e-4f;
    float p = 1.0f / 5040;
    p = p * r + 1.0f / 720;
    p = p * r + 1.0f / 120;
    p = p * r + 1.0f / 24;
    p = p * r + 1.0f / 6;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    const int32_t bits = ((int32_t)k + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof scale);
    return x < -87.0f ? 0.0f : p * scale;
}

void pb_gelu(float *x, long count) {
    for (long i = 0; i < count; i++) {
        const float v = x[i];
        const float z = v * 0.70710678118654752f;
        const float a = z < 0 ? -z : z;
        // erf(a) by Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7.
        const float t = 1.0f / (1.0f + 0.3275911f * a);
        float p = 1.061405429f;
        p = p * t - 1.453152027f;
        p = p * t + 1.421413741f;
        p = p * t - 0.284496736f;
        p = p * t + 0.254829592f;
        p = p * t;
        const float e = 1.0f - p * exp_nonpositive(-(a * a));
        const float erf = z < 0 ? -e : e;
        x[i] = 0.5f * v * (1.0f + erf);
    }
}

void pb_attention_head(const float *qkv, long length, long hidden, long head, long head_size, float scale,
                       float *context, float *scratch) {
    const long stride = 3 * hidden;
    float *keys = scratch;                        // head_size x length: the keys transposed
    float *weights = scratch + head_size * length; // length
    for (long j = 0; j < length; j++) {
        const float *k = qkv + j * stride + hidden + head * head_size;
        for (long d = 0; d < head_size; d++) keys[d * length + j] = k[d];
    }
    for (long i = 0; i < length; i++) {
        const float *q = qkv + i * stride + head * head_size;
        for (long j = 0; j < length; j++) weights[j] = 0;
        for (long d = 0; d < head_size; d++) {
            const float qd = q[d];
            const float *row = keys + d * length;
            for (long j = 0; j < length; j++) weights[j] += qd * row[j];
        }
        float largest = -INFINITY;
        for (long j = 0; j < length; j++) {
            weights[j] *= scale;
            largest = weights[j] > largest ? weights[j] : largest;
        }
        for (long j = 0; j < length; j++) weights[j] = exp_nonpositive(weights[j] - largest);
        float sum = 0;
        for (long j = 0; j < length; j++) sum += weights[j];
        const float inverse = 1.0f / sum;
        float *out = context + i * hidden + head * head_size;
        for (long d = 0; d < head_size; d++) out[d] = 0;
        for (long j = 0; j < length; j++) {
            const float w = weights[j] * inverse;
            const float *v = qkv + j * stride + 2 * hidden + head * head_size;
            for (long d = 0; d < head_size; d++) out[d] += w * v[d];
        }
    }
}
