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

/// The running state of a worker: for each item, its `keep` best cosines so far (descending,
/// −infinity when unset) and the bar a rounded product must reach on that side to be looked at:
/// the keep-th best less twice the slack and the rounding, in rounded units. Initialise with
/// pb_near_state_reset.
void pb_near_state_reset(float *best, int32_t *bar, long count, int keep);

/// Compares the rows `row_ids[row_begin..<row_end]` of `rows` (each `depth` signed bytes) with
/// every packed column (only columns after the row's own position when `triangular`).
/// A pair whose rounded product reaches the floor and either side's bar has its cosine
/// computed from `vectors` (rows of `width` floats, by item id); it is appended to `out` (as item
/// ids, through `row_ids` and `column_ids`) when the cosine reaches the threshold and either
/// side's keep-th best (both less the slack), and raises both sides' best. Only pairs that
/// `group` allows count: equal groups keep items apart unless `same_group` (−1 meets everyone).
/// A pair the first pass worked out (`partner` and `partner_cosines`, as pb_near_partner_cosines
/// left them; both may be NULL) takes its cosine from there: the same value, not computed twice.
void pb_near_compare(const int8_t *rows, const int32_t *row_ids, long row_begin, long row_end, long depth,
                     const int8_t *packed, const int32_t *sums, const int32_t *column_ids, long columns, int triangular,
                     const int32_t *group, int same_group, const float *vectors, long width, const int32_t *partner,
                     const float *partner_cosines, const pb_near_bounds *bounds, float *best, int32_t *bar, pb_near_pairs *out);

/// A first pass that bounds each item's keep-th best cosine from below before pb_near_compare
/// runs, so that it looks at fewer pairs from the start (its bests otherwise start at −infinity):
/// each item's `keep` highest rounded products with an allowed partner (pb_near_partners), the
/// cosines of those pairs (pb_near_partner_cosines), the keep-th highest of them that pb_near_compare
/// would count (pb_near_partner_bounds) and the workers' state started from it (pb_near_state_seed).
/// Each bound is the keep-th of some of the pairs pb_near_compare meets, with the same cosines, so
/// it is never above the item's final keep-th best: every pair that pb_near_compare keeps
/// without it, it keeps with it.

/// `top` and `partner` (`count` × `keep` each) set to no partner yet, and `bar` (`count`: what a
/// product must reach to enter an item's list, one past its last) to INT32_MIN.
void pb_near_partners_reset(int32_t *top, int32_t *partner, int32_t *bar, long count, int keep);

/// Raises each item's `keep` highest rounded products (`top`, in no order, with the partner's id in
/// `partner`, −1 where unset) with the pairs of rows `row_ids[row_begin..<row_end]` and the packed
/// columns that reach `floor` and that `group` allows, as pb_near_compare meets them.
void pb_near_partners(const int8_t *rows, const int32_t *row_ids, long row_begin, long row_end, long depth,
                      const int8_t *packed, const int32_t *sums, const int32_t *column_ids, long columns, int triangular,
                      const int32_t *group, int same_group, int32_t floor, int keep, int32_t *top, int32_t *partner,
                      int32_t *bar);

/// Merges another worker's `keep` highest into `top` and `partner`.
void pb_near_partners_merge(int32_t *top, int32_t *partner, int32_t *bar, const int32_t *other_top, const int32_t *other_partner,
                            long count, int keep);

/// `cosines[a × keep + k]`: the cosine (as pb_near_compare computes it) of item `a` and its k-th
/// partner, for `a` in `begin..<end`; NaN where there is none, and for a pair both sides list on
/// the higher side's list (so that each pair counts once).
void pb_near_partner_cosines(const int32_t *partner, long begin, long end, int keep, const float *vectors, long width,
                             float *cosines);

/// `lower[i]`: the keep-th highest of the cosines of the pairs listed with item `i` (on either side)
/// that reach pb_near_compare's cutoff (the threshold less the slack), or −infinity when fewer do.
void pb_near_partner_bounds(const int32_t *partner, const float *cosines, long count, const pb_near_bounds *bounds, float *lower);

/// Starts a worker's state from the bounds (after pb_near_state_reset): an item's best cosines
/// are `keep` copies of its bound, its bar the bound's.
void pb_near_state_seed(float *best, int32_t *bar, long count, const pb_near_bounds *bounds, const float *lower);

/// Makes pb_near_compare use the portable kernel (for tests comparing the two), or not.
void pb_near_use_portable_kernel(int portable);

/// Which kernel pb_near_compare uses here: "avx512-vnni" or "portable".
const char *pb_near_kernel_name(void);

/// The dot product of two float rows summed in whatever order is quickest here (vector lanes,
/// fused multiply-adds): for deciding on which side of a bound a product lies, not its value.
float pb_dot_any_order(const float *a, const float *b, long width);

/// `out[i]` = pb_dot_any_order(x, the row `ids[i]` of `matrix`) for each of `count` ids (rows of `width` floats),
/// several rows at a time.
void pb_dot_many_any_order(const float *x, const float *matrix, const int32_t *ids, long count, long width, float *out);

#endif
