// The kernels' bodies, included by kernels.c once per instruction set: KERNEL(name) gives each
// copy its own names and TARGET its instruction set. Not a public header.

TARGET static void KERNEL(add_bias)(float *x, long rows, long width, const float *bias) {
    for (long r = 0; r < rows; r++) {
        float *line = x + r * width;
        for (long c = 0; c < width; c++) line[c] += bias[c];
    }
}

/// Rows are normalised eight at a time: each row's sums still run over its columns in order (the
/// same bits as one row at a time), but eight rows' additions are independent and overlap instead
/// of waiting on each other (a single row's chain of 384 additions was latency-bound).
#define LAYER_NORM_ROWS 8
TARGET static void KERNEL(add_layer_norm)(float *x, const float *residual, long rows, long width,
                                          const float *gamma, const float *beta, float epsilon) {
    for (long first = 0; first < rows; first += LAYER_NORM_ROWS) {
        const long count = rows - first < LAYER_NORM_ROWS ? rows - first : LAYER_NORM_ROWS;
        float *lines[LAYER_NORM_ROWS];
        for (long r = 0; r < LAYER_NORM_ROWS; r++) lines[r] = x + (first + (r < count ? r : 0)) * width;
        if (residual) {
            for (long r = 0; r < count; r++) {
                float *line = lines[r];
                const float *add = residual + (first + r) * width;
                for (long c = 0; c < width; c++) line[c] += add[c];
            }
        }
        float sums[LAYER_NORM_ROWS] = {0}, means[LAYER_NORM_ROWS], squares[LAYER_NORM_ROWS] = {0};
        for (long c = 0; c < width; c++) {
            for (long r = 0; r < LAYER_NORM_ROWS; r++) sums[r] += lines[r][c];
        }
        for (long r = 0; r < LAYER_NORM_ROWS; r++) means[r] = sums[r] / (float)width;
        for (long c = 0; c < width; c++) {
            for (long r = 0; r < LAYER_NORM_ROWS; r++) {
                const float d = lines[r][c] - means[r];
                squares[r] += d * d;
            }
        }
        for (long r = 0; r < count; r++) {
            float *line = lines[r];
            const float mean = means[r];
            const float scale = 1.0f / sqrtf(squares[r] / (float)width + epsilon);
            for (long c = 0; c < width; c++) line[c] = (line[c] - mean) * scale * gamma[c] + beta[c];
        }
    }
}

/// e^x for x <= 0, to about 2e-7 relative; below -87 it is 0. Branch-free so that loops vectorise.
TARGET static inline float KERNEL(exp_nonpositive)(float x) {
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

TARGET static void KERNEL(gelu)(float *x, long count) {
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
        const float e = 1.0f - p * KERNEL(exp_nonpositive)(-(a * a));
        const float erf = z < 0 ? -e : e;
        x[i] = 0.5f * v * (1.0f + erf);
    }
}

#ifndef ATTENTION_ROWS
/// Query rows handled together: their sums are independent chains that overlap, and each key
/// or value loaded serves all four.
#define ATTENTION_ROWS 4
/// Floats per accumulator block (one AVX-512 register, two AVX2 ones).
#define ATTENTION_LANES 16
#endif

/// The context of `count` (at most ATTENTION_ROWS) rows whose normalised weights are `weights`
/// (ATTENTION_ROWS rows `padded` apart), for the head's columns [first_column, first_column + lanes).
#define ATTENTION_CONTEXT_BLOCK(lanes) do { \
    float acc[ATTENTION_ROWS][lanes] = {{0}}; \
    for (long j = 0; j < length; j++) { \
        const float *v = qkv + j * stride + 2 * hidden + head * head_size + column; \
        for (long r = 0; r < ATTENTION_ROWS; r++) { \
            const float w = weights[r * padded + j]; \
            for (long t = 0; t < lanes; t++) acc[r][t] += w * v[t]; \
        } \
    } \
    for (long r = 0; r < count; r++) { \
        float *out = context + (first + r) * hidden + head * head_size + column; \
        for (long t = 0; t < lanes; t++) out[t] = acc[r][t]; \
    } \
} while (0)

/// `scratch` holds pb_attention_scratch(length, head_size) floats: the keys transposed, with zero
/// columns after the last token up to `padded` (a multiple of 16), and ATTENTION_ROWS rows of
/// weights. Every loop over tokens runs whole vectors, and the sums are kept in registers (in
/// memory, each step waited for the previous one's store). Each sum still adds the same terms in
/// the same order as a plain loop over one row: the bits do not depend on the blocking.
TARGET static void KERNEL(attention_head)(const float *qkv, long length, long hidden, long head, long head_size, float scale,
                                          float *context, float *scratch) {
    const long stride = 3 * hidden;
    const long padded = (length + 15) & ~15L;
    float *keys = scratch;                          // head_size x padded: the keys transposed
    float *weights = scratch + head_size * padded;  // ATTENTION_ROWS x padded
    for (long d = 0; d < head_size; d++) {
        float *row = keys + d * padded;
        for (long j = length; j < padded; j++) row[j] = 0;
    }
    for (long j = 0; j < length; j++) {
        const float *k = qkv + j * stride + hidden + head * head_size;
        for (long d = 0; d < head_size; d++) keys[d * padded + j] = k[d];
    }
    for (long first = 0; first < length; first += ATTENTION_ROWS) {
        const long count = length - first < ATTENTION_ROWS ? length - first : ATTENTION_ROWS;
        // Rows past the sentence's end repeat its first row: computed alongside, never written.
        const float *queries[ATTENTION_ROWS];
        for (long r = 0; r < ATTENTION_ROWS; r++) queries[r] = qkv + (first + (r < count ? r : 0)) * stride + head * head_size;
        for (long block = 0; block < padded; block += ATTENTION_LANES) {
            float acc[ATTENTION_ROWS][ATTENTION_LANES] = {{0}};
            for (long d = 0; d < head_size; d++) {
                const float *row = keys + d * padded + block;
                for (long r = 0; r < ATTENTION_ROWS; r++) {
                    const float qd = queries[r][d];
                    for (long t = 0; t < ATTENTION_LANES; t++) acc[r][t] += qd * row[t];
                }
            }
            for (long r = 0; r < ATTENTION_ROWS; r++) {
                for (long t = 0; t < ATTENTION_LANES; t++) weights[r * padded + block + t] = acc[r][t] * scale;
            }
        }
        float largest[ATTENTION_ROWS], sums[ATTENTION_ROWS];
        for (long r = 0; r < ATTENTION_ROWS; r++) {
            float *w = weights + r * padded;
            largest[r] = -INFINITY;
            for (long j = 0; j < length; j++) largest[r] = w[j] > largest[r] ? w[j] : largest[r];
            for (long j = length; j < padded; j++) w[j] = largest[r];  // e^0 there: no overflow
            for (long j = 0; j < padded; j++) w[j] = KERNEL(exp_nonpositive)(w[j] - largest[r]);
            sums[r] = 0;
        }
        for (long j = 0; j < length; j++) {
            for (long r = 0; r < ATTENTION_ROWS; r++) sums[r] += weights[r * padded + j];
        }
        for (long r = 0; r < ATTENTION_ROWS; r++) {
            const float inverse = 1.0f / sums[r];
            float *w = weights + r * padded;
            for (long j = 0; j < padded; j++) w[j] *= inverse;
        }
        long column = 0;
        if (head_size % 16 == 0) {
            for (; column < head_size; column += 16) ATTENTION_CONTEXT_BLOCK(16);
        } else {
            for (; column < head_size; column += 8) ATTENTION_CONTEXT_BLOCK(8);
        }
    }
}
