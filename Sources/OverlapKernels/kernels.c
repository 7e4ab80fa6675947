#include "OverlapKernels.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

// Near neighbours by approximate dot products of int8 vectors: tiles of 8 rows × 32 columns,
// the columns packed so that one 32-bit lane holds 4 consecutive bytes of one column. With
// AVX-512 VNNI (chosen at run time) a tile is 2 × 8 vpdpbusd per 4 bytes of depth; with AVX2,
// 8 × (vpsignb, vpmaddubsw, vpmaddwd) per 2 rows and 4 bytes; elsewhere a portable loop. All
// three compute the same sums and keep only the pairs that may be among a side's nearest; the
// caller rescores them exactly.

enum { TILE_ROWS = 8, TILE_COLUMNS = 32, PANEL = 16 };

void pb_near_pairs_free(pb_near_pairs *list) {
    free(list->pairs);
    list->pairs = NULL;
    list->count = 0;
    list->capacity = 0;
}

/// Drops the pairs already below both sides' best less the slack: bests only rise, so the caller
/// would drop them at the end too. Keeps a worker's list near its items' closest pairs.
static void compact(pb_near_pairs *out, const float *best, int keep, float slack) {
    long kept = 0;
    for (long i = 0; i < out->count; i++) {
        pb_near_pair p = out->pairs[i];
        if (p.cosine < best[(long)p.row * keep + keep - 1] - slack && p.cosine < best[(long)p.column * keep + keep - 1] - slack)
            continue;
        out->pairs[kept++] = p;
    }
    out->count = kept;
}

static void append(pb_near_pairs *out, int32_t row, int32_t column, float cosine, const float *best, int keep, float slack) {
    if (out->failed) return;
    if (out->count == out->capacity) {
        if (out->count > 0) compact(out, best, keep, slack);
        // Grown only when compacting freed less than half.
        if (out->count * 2 > out->capacity || out->capacity == 0) {
            long capacity = out->capacity ? out->capacity * 2 : 1024;
            pb_near_pair *grown = realloc(out->pairs, (size_t)capacity * sizeof(pb_near_pair));
            if (!grown) {
                out->failed = 1;
                return;
            }
            out->pairs = grown;
            out->capacity = capacity;
        }
    }
    out->pairs[out->count++] = (pb_near_pair){row, column, cosine};
}

long pb_near_panels(long count) {
    // Whole tiles of 32 columns: two panels each.
    return (count + TILE_COLUMNS - 1) / TILE_COLUMNS * (TILE_COLUMNS / PANEL);
}

void pb_near_pack_columns(const int8_t *quantised, const int32_t *ids, long count, long depth, int8_t *packed, int32_t *sums) {
    long panels = pb_near_panels(count);
    memset(packed, 0, (size_t)(panels * PANEL * depth));
    memset(sums, 0, (size_t)(panels * PANEL) * sizeof(int32_t));
    for (long c = 0; c < count; c++) {
        int8_t *base = packed + (c / PANEL) * PANEL * depth + (c % PANEL) * 4;
        const int8_t *source = quantised + (long)ids[c] * depth;
        int32_t sum = 0;
        for (long k = 0; k < depth; k++) {
            base[(k / 4) * PANEL * 4 + k % 4] = source[k];
            sum += source[k];
        }
        sums[c] = 128 * sum;
    }
}

void pb_near_bests_reset(float *best, long count, int keep) {
    for (long i = 0; i < count * keep; i++) best[i] = -INFINITY;
}

void pb_near_bars_reset(int32_t *bar, long count) {
    for (long i = 0; i < count; i++) bar[i] = INT32_MIN;
}

/// An item's bar, which other workers may raise at the same time: read and raised atomically (a
/// plain load and a compare-and-swap on x86-64 and arm64), and only ever raised.
static inline int32_t bar_of(const int32_t *bar, long index) { return __atomic_load_n(bar + index, __ATOMIC_RELAXED); }

static inline void raise_bar(int32_t *bar, long index, int32_t value) {
    int32_t seen = __atomic_load_n(bar + index, __ATOMIC_RELAXED);
    while (seen < value && !__atomic_compare_exchange_n(bar + index, &seen, value, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
    }
}

/// Raises an item's best cosines with `value`, and its bar in rounded units (when the bar another
/// worker set is lower: each worker's bests are cosines of pairs it met, so each bar is one the
/// final bests would allow, and the highest of them too).
static inline void raise_best(float *best, int32_t *bar, long index, const pb_near_bounds *bounds, float value) {
    int keep = bounds->keep;
    float *b = best + index * keep;
    if (value <= b[keep - 1]) return;
    int p = keep - 1;
    while (p > 0 && b[p - 1] < value) {
        b[p] = b[p - 1];
        p--;
    }
    b[p] = value;
    if (b[keep - 1] > -INFINITY) {
        double rounded = floor(((double)b[keep - 1] - 2 * bounds->slack - bounds->rounding) * bounds->units);
        raise_bar(bar, index, rounded < (double)bounds->floor ? bounds->floor : (int32_t)rounded);
    }
}

/// The cosine of two float rows in 8 running sums; within half the slack of the caller's own.
static float dot_portable(const float *a, const float *b, long width) {
    float s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    long k = 0;
    for (; k + 8 <= width; k += 8)
        for (int l = 0; l < 8; l++) s[l] += a[k + l] * b[k + l];
    for (; k < width; k++) s[0] += a[k] * b[k];
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

static void dot_many_portable(const float *x, const float *matrix, const int32_t *ids, long count, long width, float *out) {
    for (long i = 0; i < count; i++) out[i] = dot_portable(x, matrix + (long)ids[i] * width, width);
}

/// One tile's products (less the columns' sums) and, per row, the lanes worth a look.
typedef void (*tile_function)(const int8_t *const rows[TILE_ROWS], const int8_t *panels, long depth,
                              const int32_t *sums, int32_t floor, const int32_t row_bar[TILE_ROWS],
                              const int32_t *column_bar, int32_t tile[TILE_ROWS][TILE_COLUMNS],
                              uint32_t masks[TILE_ROWS]);

static void tile_portable(const int8_t *const rows[TILE_ROWS], const int8_t *panels, long depth,
                          const int32_t *sums, int32_t floor, const int32_t row_bar[TILE_ROWS],
                          const int32_t *column_bar, int32_t tile[TILE_ROWS][TILE_COLUMNS],
                          uint32_t masks[TILE_ROWS]) {
    for (int r = 0; r < TILE_ROWS; r++)
        for (int l = 0; l < TILE_COLUMNS; l++) tile[r][l] = -sums[l];
    for (long g = 0; g < depth / 4; g++) {
        for (int p = 0; p < TILE_COLUMNS / PANEL; p++) {
            const int8_t *b = panels + p * PANEL * depth + g * PANEL * 4;
            for (int r = 0; r < TILE_ROWS; r++) {
                // The row's bytes + 128, as the VNNI kernel takes them.
                const int8_t *s = rows[r] + 4 * g;
                int32_t a0 = s[0] + 128, a1 = s[1] + 128, a2 = s[2] + 128, a3 = s[3] + 128;
                int32_t *t = tile[r] + p * PANEL;
                for (int l = 0; l < PANEL; l++)
                    t[l] += a0 * b[4 * l] + a1 * b[4 * l + 1] + a2 * b[4 * l + 2] + a3 * b[4 * l + 3];
            }
        }
    }
    for (int r = 0; r < TILE_ROWS; r++) {
        uint32_t m = 0;
        for (int l = 0; l < TILE_COLUMNS; l++) {
            int32_t v = tile[r][l];
            if (v >= floor && (v >= row_bar[r] || v >= column_bar[l])) m |= 1u << l;
        }
        masks[r] = m;
    }
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

__attribute__((target("avx512f,avx512bw,avx512vnni")))
static void tile_vnni(const int8_t *const rows[TILE_ROWS], const int8_t *panels, long depth,
                      const int32_t *sums, int32_t floor, const int32_t row_bar[TILE_ROWS],
                      const int32_t *column_bar, int32_t tile[TILE_ROWS][TILE_COLUMNS],
                      uint32_t masks[TILE_ROWS]) {
    __m512i acc[TILE_ROWS][2];
    for (int r = 0; r < TILE_ROWS; r++) {
        acc[r][0] = _mm512_setzero_si512();
        acc[r][1] = _mm512_setzero_si512();
    }
    const int8_t *p0 = panels, *p1 = panels + PANEL * depth;
    for (long g = 0; g < depth / 4; g++) {
        __m512i b0 = _mm512_loadu_si512((const void *)(p0 + g * 64));
        __m512i b1 = _mm512_loadu_si512((const void *)(p1 + g * 64));
        for (int r = 0; r < TILE_ROWS; r++) {
            uint32_t word;
            memcpy(&word, rows[r] + 4 * g, 4);
            // Signed bytes + 128 as unsigned ones: the top bit flipped.
            __m512i a = _mm512_set1_epi32((int32_t)(word ^ 0x80808080u));
            acc[r][0] = _mm512_dpbusd_epi32(acc[r][0], a, b0);
            acc[r][1] = _mm512_dpbusd_epi32(acc[r][1], a, b1);
        }
    }
    __m512i s0 = _mm512_loadu_si512((const void *)sums), s1 = _mm512_loadu_si512((const void *)(sums + 16));
    __m512i c0 = _mm512_loadu_si512((const void *)column_bar), c1 = _mm512_loadu_si512((const void *)(column_bar + 16));
    __m512i f = _mm512_set1_epi32(floor);
    for (int r = 0; r < TILE_ROWS; r++) {
        __m512i v0 = _mm512_sub_epi32(acc[r][0], s0), v1 = _mm512_sub_epi32(acc[r][1], s1);
        __m512i rb = _mm512_set1_epi32(row_bar[r]);
        __mmask16 m0 = _mm512_cmpge_epi32_mask(v0, f) & (_mm512_cmpge_epi32_mask(v0, rb) | _mm512_cmpge_epi32_mask(v0, c0));
        __mmask16 m1 = _mm512_cmpge_epi32_mask(v1, f) & (_mm512_cmpge_epi32_mask(v1, rb) | _mm512_cmpge_epi32_mask(v1, c1));
        masks[r] = (uint32_t)m0 | ((uint32_t)m1 << 16);
        if (masks[r]) {
            _mm512_storeu_si512((void *)tile[r], v0);
            _mm512_storeu_si512((void *)(tile[r] + 16), v1);
        }
    }
}

static int force_portable = 0;

static int has_vnni(void) {
    static int answer = -1;
    if (answer < 0)
        answer = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                 __builtin_cpu_supports("avx512vnni");
    return answer && !force_portable;
}
__attribute__((target("avx512f")))
static float dot_avx512(const float *a, const float *b, long width) {
    __m512 s0 = _mm512_setzero_ps(), s1 = _mm512_setzero_ps();
    long k = 0;
    for (; k + 32 <= width; k += 32) {
        s0 = _mm512_fmadd_ps(_mm512_loadu_ps(a + k), _mm512_loadu_ps(b + k), s0);
        s1 = _mm512_fmadd_ps(_mm512_loadu_ps(a + k + 16), _mm512_loadu_ps(b + k + 16), s1);
    }
    float sum = _mm512_reduce_add_ps(_mm512_add_ps(s0, s1));
    for (; k < width; k++) sum += a[k] * b[k];
    return sum;
}
/// Eight rows at a time, each its own running sums: eight independent chains of fused adds
/// rather than one call and one dependent chain per row.
__attribute__((target("avx512f")))
static void dot_many_avx512(const float *x, const float *matrix, const int32_t *ids, long count, long width, float *out) {
    long i = 0;
    if (width % 16 == 0) {
        for (; i + 8 <= count; i += 8) {
            const float *r[8];
            __m512 s[8];
            for (int l = 0; l < 8; l++) {
                r[l] = matrix + (long)ids[i + l] * width;
                s[l] = _mm512_setzero_ps();
            }
            for (long k = 0; k < width; k += 16) {
                __m512 a = _mm512_loadu_ps(x + k);
                for (int l = 0; l < 8; l++) s[l] = _mm512_fmadd_ps(a, _mm512_loadu_ps(r[l] + k), s[l]);
            }
            for (int l = 0; l < 8; l++) out[i + l] = _mm512_reduce_add_ps(s[l]);
        }
    }
    for (; i < count; i++) out[i] = dot_avx512(x, matrix + (long)ids[i] * width, width);
}

// AVX2 (most x86-64 machines without AVX-512, such as AMD's before Zen 4): the signed bytes
// multiplied as they are (vpmaddubsw, with each row byte's magnitude as the unsigned operand and
// the column byte given its sign), the pairs of products added into 32 bits (vpmaddwd by ones),
// exact like the other two kernels; the float dots in fused multiply-adds, eight lanes wide.
static int has_avx2(void) {
    static int answer = -1;
    if (answer < 0) answer = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return answer && !force_portable;
}

/// Whether each of 8 int32 lanes is >= the other's, as 8 bits.
__attribute__((target("avx2")))
static inline uint32_t at_least(__m256i v, __m256i bound) {
    __m256i below = _mm256_cmpgt_epi32(bound, v);
    return (uint32_t)(~_mm256_movemask_ps(_mm256_castsi256_ps(below)) & 0xff);
}

/// Two rows × 32 columns at a time, one accumulator per row and 8 columns: a 32-byte load of a
/// panel is 8 columns × 4 bytes of depth, so vpmaddubsw then vpmaddwd leave each column's sum of
/// 4 products in its own lane, in column order. |a|·(b with a's sign) = a·b, and with both bytes
/// within ±127 (`Rounded` rounds to that) a pair of products, at most 2 × 127² = 32,258, fits
/// 16 bits: no saturation. The sums are the VNNI kernel's to the bit (it adds 128 to the row's
/// bytes and takes 128 × the column's sum back), so the masks are too. (Widening the bytes to
/// 16 bits, 4 columns a register, took twice the instructions.)
__attribute__((target("avx2")))
static void tile_avx2(const int8_t *const rows[TILE_ROWS], const int8_t *panels, long depth,
                      const int32_t *sums, int32_t floor, const int32_t row_bar[TILE_ROWS],
                      const int32_t *column_bar, int32_t tile[TILE_ROWS][TILE_COLUMNS],
                      uint32_t masks[TILE_ROWS]) {
    const __m256i ones = _mm256_set1_epi16(1);
    const int8_t *p0 = panels, *p1 = panels + PANEL * depth;
    const long groups = depth / 4;
    __m256i f = _mm256_set1_epi32(floor);
    for (int r = 0; r < TILE_ROWS; r += 2) {
        __m256i acc[2][4];
        for (int q = 0; q < 4; q++) acc[0][q] = acc[1][q] = _mm256_setzero_si256();
        const int8_t *s0 = rows[r], *s1 = rows[r + 1];
        for (long g = 0; g < groups; g++) {
            __m256i b[4];
            b[0] = _mm256_loadu_si256((const __m256i *)(p0 + g * 64));
            b[1] = _mm256_loadu_si256((const __m256i *)(p0 + g * 64 + 32));
            b[2] = _mm256_loadu_si256((const __m256i *)(p1 + g * 64));
            b[3] = _mm256_loadu_si256((const __m256i *)(p1 + g * 64 + 32));
            uint32_t w0, w1;
            memcpy(&w0, s0 + 4 * g, 4);
            memcpy(&w1, s1 + 4 * g, 4);
            __m256i a0 = _mm256_set1_epi32((int32_t)w0), a1 = _mm256_set1_epi32((int32_t)w1);
            __m256i u0 = _mm256_abs_epi8(a0), u1 = _mm256_abs_epi8(a1);
            for (int q = 0; q < 4; q++) {
                acc[0][q] = _mm256_add_epi32(acc[0][q], _mm256_madd_epi16(_mm256_maddubs_epi16(u0, _mm256_sign_epi8(b[q], a0)), ones));
                acc[1][q] = _mm256_add_epi32(acc[1][q], _mm256_madd_epi16(_mm256_maddubs_epi16(u1, _mm256_sign_epi8(b[q], a1)), ones));
            }
        }
        for (int h = 0; h < 2; h++) {
            __m256i rb = _mm256_set1_epi32(row_bar[r + h]);
            uint32_t m = 0;
            for (int q = 0; q < 4; q++) {
                // Columns 8q…8q+7: panel q / 2, its half q % 2.
                __m256i v = acc[h][q];
                __m256i cb = _mm256_loadu_si256((const __m256i *)(column_bar + 8 * q));
                m |= (at_least(v, f) & (at_least(v, rb) | at_least(v, cb))) << (8 * q);
                _mm256_storeu_si256((__m256i *)(tile[r + h] + 8 * q), v);
            }
            masks[r + h] = m;
        }
    }
    (void)sums;
}

__attribute__((target("avx2,fma")))
static inline float sum_lanes(__m256 s) {
    __m128 x = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
    x = _mm_add_ps(x, _mm_movehl_ps(x, x));
    x = _mm_add_ss(x, _mm_shuffle_ps(x, x, 1));
    return _mm_cvtss_f32(x);
}

/// Four running sums: four chains of fused adds in flight (two left the processor waiting on
/// each add's latency, half the time of the near comparison's float cosines).
__attribute__((target("avx2,fma")))
static float dot_avx2(const float *a, const float *b, long width) {
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps(), s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
    long k = 0;
    for (; k + 32 <= width; k += 32) {
        s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + k), _mm256_loadu_ps(b + k), s0);
        s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + k + 8), _mm256_loadu_ps(b + k + 8), s1);
        s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + k + 16), _mm256_loadu_ps(b + k + 16), s2);
        s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + k + 24), _mm256_loadu_ps(b + k + 24), s3);
    }
    for (; k + 8 <= width; k += 8) s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + k), _mm256_loadu_ps(b + k), s0);
    float sum = sum_lanes(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
    for (; k < width; k++) sum += a[k] * b[k];
    return sum;
}

/// Four rows at a time, each its own running sums (as `dot_many_avx512`).
__attribute__((target("avx2,fma")))
static void dot_many_avx2(const float *x, const float *matrix, const int32_t *ids, long count, long width, float *out) {
    long i = 0;
    if (width % 8 == 0) {
        for (; i + 4 <= count; i += 4) {
            const float *r[4];
            __m256 s[4];
            for (int l = 0; l < 4; l++) {
                r[l] = matrix + (long)ids[i + l] * width;
                s[l] = _mm256_setzero_ps();
            }
            for (long k = 0; k < width; k += 8) {
                __m256 a = _mm256_loadu_ps(x + k);
                for (int l = 0; l < 4; l++) s[l] = _mm256_fmadd_ps(a, _mm256_loadu_ps(r[l] + k), s[l]);
            }
            for (int l = 0; l < 4; l++) out[i + l] = sum_lanes(s[l]);
        }
    }
    for (; i < count; i++) out[i] = dot_avx2(x, matrix + (long)ids[i] * width, width);
}

#define TILE_FUNCTION (has_vnni() ? tile_vnni : has_avx2() ? tile_avx2 : tile_portable)
#define DOT_FUNCTION (has_vnni() ? dot_avx512 : has_avx2() ? dot_avx2 : dot_portable)
#define DOT_MANY_FUNCTION (has_vnni() ? dot_many_avx512 : has_avx2() ? dot_many_avx2 : dot_many_portable)
#define KERNEL_NAME (has_vnni() ? "avx512-vnni" : has_avx2() ? "avx2" : "portable")
#else
static int force_portable = 0;
#define TILE_FUNCTION tile_portable
#define DOT_FUNCTION dot_portable
#define DOT_MANY_FUNCTION dot_many_portable
#define KERNEL_NAME "portable"
#endif

void pb_near_use_portable_kernel(int portable) { force_portable = portable; }

const char *pb_near_kernel_name(void) { return KERNEL_NAME; }

float pb_dot_any_order(const float *a, const float *b, long width) { return DOT_FUNCTION(a, b, width); }

void pb_dot_many_any_order(const float *x, const float *matrix, const int32_t *ids, long count, long width, float *out) {
    DOT_MANY_FUNCTION(x, matrix, ids, count, width, out);
}

// Each product rounded, then added: no fused multiply-add, so that each sum is the one a plain
// loop gives (Swift's `sum += a[k] * b[k]`), to the bit.
#pragma STDC FP_CONTRACT OFF
// Pairs `from` up to `count`, one plain in-order loop each: the pairs left over by the interleaved loops below.
static void dot_pairs_one_by_one(const float *matrix, long width, const int32_t *first, const int32_t *second, long from,
                                 long count, float *out) {
    for (long i = from; i < count; i++) {
        const float *a = matrix + (long)first[i] * width, *b = matrix + (long)second[i] * width;
        float s = 0;
        for (long k = 0; k < width; k++) s += a[k] * b[k];
        out[i] = s;
    }
}

#if defined(__x86_64__) && defined(__SSE2__)
#include <xmmintrin.h>

// Four pairs' sums in the lanes of `sum`, four columns at a time: each pair's four products made
// at once from a load of each row, then turned (a 4 × 4 transpose) so that one vector holds the
// four pairs' products of one column, added column after column. Each lane is one pair's plain
// loop, product rounded then sum rounded, to the bit; the transpose only moves values. (Reading a
// float of each row per column, eight pairs at a time, had been 16 scalar loads and 12 shuffles
// for 8 products.)
static inline __m128 four_columns(__m128 sum, const float *const a[4], const float *const b[4], long k) {
    __m128 p0 = _mm_mul_ps(_mm_loadu_ps(a[0] + k), _mm_loadu_ps(b[0] + k));
    __m128 p1 = _mm_mul_ps(_mm_loadu_ps(a[1] + k), _mm_loadu_ps(b[1] + k));
    __m128 p2 = _mm_mul_ps(_mm_loadu_ps(a[2] + k), _mm_loadu_ps(b[2] + k));
    __m128 p3 = _mm_mul_ps(_mm_loadu_ps(a[3] + k), _mm_loadu_ps(b[3] + k));
    _MM_TRANSPOSE4_PS(p0, p1, p2, p3);
    sum = _mm_add_ps(sum, p0);
    sum = _mm_add_ps(sum, p1);
    sum = _mm_add_ps(sum, p2);
    return _mm_add_ps(sum, p3);
}

void pb_dot_in_order_pairs(const float *matrix, long width, const int32_t *first, const int32_t *second, long count,
                           float *out) {
    enum { GROUPS = 4 };  // four groups of four pairs: independent chains of adds in flight
    long i = 0;
    for (; i + 4 * GROUPS <= count; i += 4 * GROUPS) {
        const float *a[GROUPS][4], *b[GROUPS][4];
        __m128 sums[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            for (int l = 0; l < 4; l++) {
                a[g][l] = matrix + (long)first[i + 4 * g + l] * width;
                b[g][l] = matrix + (long)second[i + 4 * g + l] * width;
            }
            sums[g] = _mm_setzero_ps();
        }
        long k = 0;
        for (; k + 4 <= width; k += 4)
            for (int g = 0; g < GROUPS; g++) sums[g] = four_columns(sums[g], a[g], b[g], k);
        for (int g = 0; g < GROUPS; g++) {
            float s[4];
            _mm_storeu_ps(s, sums[g]);
            for (int l = 0; l < 4; l++) {
                for (long t = k; t < width; t++) s[l] += a[g][l][t] * b[g][l][t];
                out[i + 4 * g + l] = s[l];
            }
        }
    }
    dot_pairs_one_by_one(matrix, width, first, second, i, count, out);
}
#else
void pb_dot_in_order_pairs(const float *matrix, long width, const int32_t *first, const int32_t *second, long count,
                           float *out) {
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        const float *a[8], *b[8];
        float s[8];
        for (int l = 0; l < 8; l++) {
            a[l] = matrix + (long)first[i + l] * width;
            b[l] = matrix + (long)second[i + l] * width;
            s[l] = 0;
        }
        for (long k = 0; k < width; k++)
            for (int l = 0; l < 8; l++) s[l] += a[l][k] * b[l][k];
        for (int l = 0; l < 8; l++) out[i + l] = s[l];
    }
    dot_pairs_one_by_one(matrix, width, first, second, i, count, out);
}
#endif

void pb_near_compare(const int8_t *rows, const int32_t *row_ids, long row_begin, long row_end, long depth,
                     const int8_t *packed, const int32_t *sums, const int32_t *column_ids, long columns, int triangular,
                     const int32_t *group, int same_group, const float *vectors, long width,
                     const pb_near_bounds *bounds, float *best, int32_t *bar, pb_near_pairs *out) {
    tile_function compute = TILE_FUNCTION;
    float (*dot)(const float *, const float *, long) = DOT_FUNCTION;
    int32_t tile[TILE_ROWS][TILE_COLUMNS];
    uint32_t masks[TILE_ROWS];
    int32_t bars[TILE_ROWS];
    int32_t column_bars[TILE_COLUMNS];
    long tiles = pb_near_panels(columns) / 2;
    int keep = bounds->keep;
    float cutoff = (float)(bounds->threshold - bounds->slack), slack = (float)bounds->slack;
    // Tile by tile, each against every group of 8 rows: a tile's columns (their bytes and the
    // float rows of those that get a cosine) are fetched once for all the rows rather than once
    // for every 8. Which pairs are kept does not depend on the order (see `Rounded`).
    for (long t = triangular ? (row_begin + 1) / TILE_COLUMNS : 0; t < tiles; t++) {
        long c0 = t * TILE_COLUMNS;
        for (long r0 = row_begin; r0 < row_end; r0 += TILE_ROWS) {
            if (triangular && t < (r0 + 1) / TILE_COLUMNS) continue;
            const int8_t *pointers[TILE_ROWS];
            int present = (int)(row_end - r0 < TILE_ROWS ? row_end - r0 : TILE_ROWS);
            for (int r = 0; r < TILE_ROWS; r++) pointers[r] = rows + (long)row_ids[r0 + (r < present ? r : 0)] * depth;
            for (int r = 0; r < TILE_ROWS; r++) bars[r] = r < present ? bar_of(bar, row_ids[r0 + r]) : INT32_MAX;
            for (int l = 0; l < TILE_COLUMNS; l++) column_bars[l] = c0 + l < columns ? bar_of(bar, column_ids[c0 + l]) : INT32_MAX;
            compute(pointers, packed + t * 2 * PANEL * depth, depth, sums + c0, bounds->floor, bars, column_bars, tile, masks);
            for (int r = 0; r < present; r++) {
                uint32_t m = masks[r];
                long i = r0 + r;
                int32_t a = row_ids[i];
                while (m) {
                    int lane = __builtin_ctz(m);
                    m &= m - 1;
                    long j = c0 + lane;
                    if (j >= columns || (triangular && j <= i)) continue;
                    int32_t b = column_ids[j];
                    if (!same_group && group[a] >= 0 && group[a] == group[b]) continue;
                    int32_t v = tile[r][lane];
                    // Bars only rise: a pair below both now is below both at the end.
                    if (v < bar_of(bar, a) && v < bar_of(bar, b)) continue;
                    float cosine = dot(vectors + (long)a * width, vectors + (long)b * width, width);
                    if (cosine < cutoff) continue;
                    if (cosine < best[(long)a * keep + keep - 1] - slack && cosine < best[(long)b * keep + keep - 1] - slack) continue;
                    append(out, a, b, cosine, best, keep, slack);
                    raise_best(best, bar, a, bounds, cosine);
                    raise_best(best, bar, b, bounds, cosine);
                }
            }
        }
    }
}
