/*
 * The epoch statistics' host loops (src/train/host-stats.ts, src/train/stats.ts summarize) in C,
 * bit-identical to the JavaScript: the same float64 accumulation in the same sequential order,
 * the same float32 steps, the same int32 conversion. The JavaScript stays the reference; the
 * tests compare the two on every field and count.
 */
#ifndef GW_HOSTSTATS_H
#define GW_HOSTSTATS_H
#include <stddef.h>
#include <stdint.h>

/* summarize()'s accumulators, in this order in the Float64Array the binding fills */
typedef struct {
  double sum, sq, abs, max_abs, small, min, max, dev;
} gw_summary;
enum { GW_SUMMARY_FIELDS = 8 };

/* saturation rules (stats.saturation): none for linear, sigmoid, tanh, and x <= 0 for the rest */
enum { GW_ACT_LINEAR = 0, GW_ACT_SIGMOID = 1, GW_ACT_TANH = 2, GW_ACT_RELU_LIKE = 3 };

/* log10CountsF32's lookup table, built by the JavaScript (host-stats.ts log10Table) */
typedef struct {
  const uint16_t* start; /* 1 << 15 entries: the bin at the start of each 16-bit slice */
  const uint32_t* next;  /* bins + 1 entries: the first bit pattern of each bin */
  int bins;
} gw_log10_table;

/* summarize + histogramF32 (over the summary's min..max) + log10CountsF32, in two passes; 0, or -1
   when out of memory for the integer tallies */
int gw_gradient_stats(const float* v, size_t n, int hist_bins, double* hist, const gw_log10_table* t,
                      double* log10, gw_summary* s);
/* summarize + saturatedCountF32, in two passes; *saturated untouched for GW_ACT_LINEAR */
void gw_array_stats(const float* v, size_t n, int act, double* saturated, gw_summary* s);
/* weightNorms' five sums of squares: ww, dd, bb, de, ss */
void gw_weight_norms(const float* w, const float* before, const float* start, size_t n, double out[5]);
double gw_dot(const float* a, const float* b, size_t n);
#endif
