#include "EmbeddingKernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

// Built for the baseline instruction set, and on x86-64 twice more, for AVX2 with FMA and for
// AVX-512 (chosen at run time): the loops vectorise 8 or 16 floats wide where the processor
// allows. The AVX2 and AVX-512 copies compute the same bits: the same operations in the same
// order, with fused multiply-adds in both.
#define KERNEL(name) name##_baseline
#define TARGET
#include "kernel_bodies.h"
#undef KERNEL
#undef TARGET

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define KERNEL(name) name##_avx2
#define TARGET __attribute__((target("avx2,fma")))
#include "kernel_bodies.h"
#undef KERNEL
#undef TARGET

#define KERNEL(name) name##_avx512
#define TARGET __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma"), min_vector_width(512)))
#include "kernel_bodies.h"
#undef KERNEL
#undef TARGET

/// 2 with AVX-512 (F, BW, DQ, VL), 1 with AVX2 and FMA, else 0.
static int vector_level(void) {
    static int answer = -1;
    if (answer < 0) {
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq")
            && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("fma")) answer = 2;
        else answer = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") ? 1 : 0;
    }
    return answer;
}
#define DISPATCH(name, ...) do { \
    switch (vector_level()) { \
    case 2: name##_avx512(__VA_ARGS__); break; \
    case 1: name##_avx2(__VA_ARGS__); break; \
    default: name##_baseline(__VA_ARGS__); } } while (0)

int pb_has_avx512(void) { return vector_level() == 2; }
#else
#define DISPATCH(name, ...) name##_baseline(__VA_ARGS__)

int pb_has_avx512(void) { return 0; }
#endif

long pb_attention_scratch(long length, long head_size) {
    const long padded = (length + 15) & ~15L;
    return padded * (head_size + ATTENTION_ROWS);
}

void pb_add_bias(float *x, long rows, long width, const float *bias) {
    DISPATCH(add_bias, x, rows, width, bias);
}

void pb_add_layer_norm(float *x, const float *residual, long rows, long width,
                       const float *gamma, const float *beta, float epsilon) {
    DISPATCH(add_layer_norm, x, residual, rows, width, gamma, beta, epsilon);
}

void pb_gelu(float *x, long count) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
    // AVX2 even where AVX-512 is there: the 16-wide division was slower on AMD's Zen cores.
    if (vector_level() >= 1) {
        gelu_avx2(x, count);
        return;
    }
#endif
    DISPATCH(gelu, x, count);
}

void pb_attention_head(const float *qkv, long length, long hidden, long head, long head_size, float scale,
                       float *context, float *scratch) {
    DISPATCH(attention_head, qkv, length, hidden, head, head_size, scale, context, scratch);
}

// MARK: the embedding cache's checksum and checks

static inline uint64_t pb_load64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static inline uint64_t pb_mix(uint64_t lane, uint64_t word) {
    lane = (lane ^ word) * 0x100000001b3ULL;
    return lane ^ (lane >> 29);
}

void pb_checksum_start(uint64_t state[4]) {
    state[0] = 0xcbf29ce484222325ULL;
    state[1] = 0x84222325cbf29ce4ULL;
    state[2] = 0x9e3779b97f4a7c15ULL;
    state[3] = 0xc2b2ae3d27d4eb4fULL;
}

void pb_checksum_blocks(uint64_t state[4], const unsigned char *bytes, long count) {
    uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
    long i = 0;
    for (; i + 32 <= count; i += 32) {
        a = pb_mix(a, pb_load64(bytes + i));
        b = pb_mix(b, pb_load64(bytes + i + 8));
        c = pb_mix(c, pb_load64(bytes + i + 16));
        d = pb_mix(d, pb_load64(bytes + i + 24));
    }
    state[0] = a; state[1] = b; state[2] = c; state[3] = d;
}

uint64_t pb_checksum_finish(const uint64_t state[4], const unsigned char *tail, long count, uint64_t total_length) {
    uint64_t hash = state[0];
    hash = pb_mix(hash, state[1]);
    hash = pb_mix(hash, state[2]);
    hash = pb_mix(hash, state[3]);
    for (long i = 0; i < count; i++) hash = (hash ^ tail[i]) * 0x100000001b3ULL;
    return pb_mix(hash, total_length);
}

int pb_all_finite(const unsigned char *bytes, long count) {
    uint32_t bad = 0;
    for (long i = 0; i < count; i++) {
        uint32_t bits;
        memcpy(&bits, bytes + 4 * i, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        bits = __builtin_bswap32(bits);
#endif
        // NaN and infinity have every exponent bit set.
        bad |= (uint32_t)((bits & 0x7f800000u) == 0x7f800000u);
    }
    return bad == 0;
}

uint64_t pb_hash_bytes(const unsigned char *bytes, long count, uint64_t seed) {
    uint64_t hash = seed ^ ((uint64_t)count * 0x9e3779b97f4a7c15ULL);
    long i = 0;
    for (; i + 8 <= count; i += 8) hash = pb_mix(hash, pb_load64(bytes + i)) * 0xbf58476d1ce4e5b9ULL;
    uint64_t last = 0;
    for (long j = 0; i + j < count; j++) last |= (uint64_t)bytes[i + j] << (8 * j);
    hash = pb_mix(hash, last) * 0x94d049bb133111ebULL;
    return hash ^ (hash >> 31);
}
