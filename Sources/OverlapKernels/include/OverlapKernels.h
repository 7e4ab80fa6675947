#ifndef OVERLAP_KERNELS_H
#define OVERLAP_KERNELS_H

#include <stdint.h>

/// A pair of items, and its cosine as computed here (within half the slack of the caller's own).
typedef struct {
    int32_t row;
    int32_t column;
    float cosine;
} pb_near_pair;

/// A growable list of pairs; free `pairs` with pb_near_pairs_free.
typedef struct {
    pb_near_pair *pairs;
    long count;
    long capacity;
    int failed;
} pb_near_pairs;

void pb_near_pairs_free(pb_near_pairs *list);

/// Columns packed for the kernel: panels of 16 columns, each `depth / 4` groups of 16 × 4 bytes.
/// `quantised` holds rows of `depth` signed bytes (depth a multiple of 4); the columns are the
/// `count` rows `ids` names.
/// `packed` must hold panels(count) × 16 × depth bytes; `sums` panels(count) × 16 ints
/// (128 × the sum of each column's bytes, 0 for padding columns).
long pb_near_panels(long count);
void pb_near_pack_columns(const int8_t *quantised, const int32_t *ids, long count, long depth, int8_t *packed, int32_t *sums);

/// What a pair must reach. The cosines computed here are within half the `slack` of the caller's
/// own; rounded products are within `rounding` of the cosine (both as cosines); `units` turns a
/// cosine into rounded units, and `floor` is the threshold less the rounding and twice the
/// slack, in those units.
typedef struct {
    double threshold;
    double slack;
    double rounding;
    double units;
    int32_t floor;
    int keep;
} pb_near_bounds;

/// The running state of the search: for each item, a worker's `keep` best cosines so far
/// (descending, −infinity when unset; each worker its own), and the bar a rounded product must
/// reach on that side to be looked at: the keep-th best less twice the slack and the rounding, in
/// rounded units, the highest any worker has set (one array shared by the workers running at once,
/// read and raised atomically). Initialise with pb_near_bests_reset and pb_near_bars_reset.
void pb_near_bests_reset(float *best, long count, int keep);
void pb_near_bars_reset(int32_t *bar, long count);

/// Compares the rows `row_ids[row_begin..<row_end]` of `rows` (each `depth` signed bytes, all
/// bytes of rows and columns within −127…127: the AVX2 kernel takes their magnitudes as unsigned) with
/// every packed column (only columns after the row's own position when `triangular`).
/// A pair whose rounded product reaches the floor and either side's bar has its cosine
/// computed from `vectors` (rows of `width` floats, by item id); it is appended to `out` (as item
/// ids, through `row_ids` and `column_ids`) when the cosine reaches the threshold and either
/// side's keep-th best (both less the slack), and raises both sides' best. Only pairs that
/// `group` allows count: equal groups keep items apart unless `same_group` (−1 meets everyone).
void pb_near_compare(const int8_t *rows, const int32_t *row_ids, long row_begin, long row_end, long depth,
                     const int8_t *packed, const int32_t *sums, const int32_t *column_ids, long columns, int triangular,
                     const int32_t *group, int same_group, const float *vectors, long width,
                     const pb_near_bounds *bounds, float *best, int32_t *bar, pb_near_pairs *out);

/// Makes pb_near_compare use the portable kernel (for tests comparing the two), or not.
void pb_near_use_portable_kernel(int portable);

/// Which kernel pb_near_compare uses here: "avx512-vnni", "avx2" or "portable".
const char *pb_near_kernel_name(void);

/// The dot product of two float rows summed in whatever order is quickest here (vector lanes,
/// fused multiply-adds): for deciding on which side of a bound a product lies, not its value.
float pb_dot_any_order(const float *a, const float *b, long width);

/// `out[i]` = pb_dot_any_order(x, the row `ids[i]` of `matrix`) for each of `count` ids (rows of `width` floats),
/// several rows at a time.
void pb_dot_many_any_order(const float *x, const float *matrix, const int32_t *ids, long count, long width, float *out);

/// `out[i]` = the dot product of the rows `first[i]` and `second[i]` of `matrix` (rows of `width` floats),
/// each summed from the first column to the last, one product rounded then added at a time (the
/// same to the bit as a plain loop), several pairs interleaved.
void pb_dot_in_order_pairs(const float *matrix, long width, const int32_t *first, const int32_t *second, long count,
                           float *out);

#endif
