#include "EmbeddingKernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

// Built for the baseline instruction set, and on x86-64 once more for AVX2 with FMA (chosen at
// run time): the loops vectorise 8 floats wide where the processor allows.
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

static int has_avx2(void) {
    static int answer = -1;
    if (answer < 0) answer = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return answer;
}
#define DISPATCH(name, ...) do { if (has_avx2()) name##_avx2(__VA_ARGS__); else name##_baseline(__VA_ARGS__); } while (0)
#else
#define DISPATCH(name, ...) name##_baseline(__VA_ARGS__)
#endif

void pb_add_bias(float *x, long rows, long width, const float *bias) {
    DISPATCH(add_bias, x, rows, width, bias);
}

void pb_add_layer_norm(float *x, const float *residual, long rows, long width,
                       const float *gamma, const float *beta, float epsilon) {
    DISPATCH(add_layer_norm, x, residual, rows, width, gamma, beta, epsilon);
}

void pb_gelu(float *x, long count) {
    DISPATCH(gelu, x, count);
}

void pb_attention_head(const float *qkv, long length, long hidden, long head, long head_size, float scale,
                       float *context, float *scratch) {
    DISPATCH(attention_head, qkv, length, hidden, head, head_size, scale, context, scratch);
}
