/*
 * Compiled with -ffp-contract=off and without fast-math (binding.gyp): every float64 sum below
 * must run in the JavaScript's order, unfused and unreassociated, for the results to be the
 * JavaScript's bit for bit. (Without -ffast-math the compiler does not vectorise these reductions.)
 */
#include "hoststats.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__FAST_MATH__)
#error "hoststats.c must not be compiled with fast-math: its sums must keep the JavaScript's order"
#endif

/* stats.ts SMALL_GRAD */
static const double SMALL_GRAD = 1e-8;
static const uint32_t INF_BITS = 0x7f800000u;

/* JavaScript's `q | 0` (ToInt32): NaN and ±Infinity give 0, else truncation modulo 2^32 */
static int32_t js_int32(float q) {
  /* in range (and not NaN): the C conversion truncates, as ToInt32 does */
  if ((double)q > -2147483649.0 && (double)q < 2147483648.0) return (int32_t)q;
  if (q != q || q == INFINITY || q == -INFINITY) return 0;
  const double t = trunc((double)q);
  double m = fmod(t, 4294967296.0); /* exact: t is an integer, the result has |m| < 2^32 */
  if (m < 0) m += 4294967296.0;
  return (int32_t)(uint32_t)m;
}

/*
 * summarize's first pass: its accumulators are locals (SUMMARY_LOCALS) so that they stay in
 * registers; through the gw_summary pointer each sum would make a round trip through memory per
 * element. Counts are integers (exact, as the JavaScript's float64 counts are below 2^53, and an
 * integer add is not a 4-cycle floating-point one). SUMMARY_STEP adds one element, SUMMARY_STORE
 * writes them out.
 */
#define SUMMARY_LOCALS                                                              \
  double sum = 0, sq = 0, abs_ = 0, max_abs = 0, min = INFINITY, max = -INFINITY; \
  uint64_t small = 0
#define SUMMARY_STEP(x)              \
  do {                               \
    const double a_ = fabs(x);       \
    sum += (x);                      \
    sq += (x) * (x);                 \
    abs_ += a_;                      \
    if (a_ > max_abs) max_abs = a_;  \
    if (a_ < SMALL_GRAD) small++;    \
    if ((x) < min) min = (x);        \
    if ((x) > max) max = (x);        \
  } while (0)
#define SUMMARY_STORE(s) (*(s) = (gw_summary){sum, sq, abs_, max_abs, (double)small, min, max, 0})

/* summarize's second pass: squared deviations about the mean, as `(v[i] - mean) ** 2` */
static void summary_dev(const float* v, size_t n, gw_summary* s) {
  const double mean = n ? s->sum / (double)n : 0;
  double dev = 0;
  for (size_t i = 0; i < n; i++) {
    const double d = (double)v[i] - mean;
    dev += d * d;
  }
  s->dev = dev;
}

static int log10_bin(float x, const gw_log10_table* t) {
  uint32_t m;
  memcpy(&m, &x, sizeof m);
  m &= 0x7fffffffu;
  /* NaN patterns sit above every finite one; the backend's int cast sends them to bin 0 */
  if (m > INF_BITS) return 0;
  int k = t->start[m >> 16];
  /* the clamps never bind on log10Table()'s table; they keep a wrong table inside the arrays */
  if (k > t->bins - 1) k = t->bins - 1;
  /* a slice spans less than one bin above the subnormals: one step without a branch to mispredict,
     then the loop, which runs only in the subnormals' slices */
  k += k < t->bins - 1 && m >= t->next[k + 1];
  while (k < t->bins - 1 && m >= t->next[k + 1]) k++;
  return k;
}

/*
 * summarize's second pass fused with histogramF32's bins, which need the first pass's min and max.
 * The JavaScript rounds each float64 result to float32 (Math.fround); here the bin's operations
 * are float32 ones, rounded once. The two agree: a float32 sum or quotient of two float32 values,
 * computed in float64 and then rounded to float32, equals the directly rounded float32 result,
 * because float64 carries more than 2·24 + 2 significand bits (double rounding is innocuous for
 * + − × ÷ then; Figueroa, "When is double rounding innocuous?", 1995).
 */
static void dev_and_histogram(const float* v, size_t n, gw_summary* s, int bins, double* counts, uint64_t* tally) {
  memset(counts, 0, sizeof(double) * (size_t)bins);
  /* summarize reports min = max = 0 for an empty array, and histogramF32 is given those */
  const double min = n ? s->min : 0, max = n ? s->max : 0;
  const double span = (max - min) / bins;
  if (!(span > 0)) {
    summary_dev(v, n, s);
    counts[0] = (double)n;
    return;
  }
  const double mean = n ? s->sum / (double)n : 0;
  const float lo = (float)min, width = (float)span;
  memset(tally, 0, sizeof(uint64_t) * (size_t)bins);
  double dev = 0;
  for (size_t i = 0; i < n; i++) {
    const double d = (double)v[i] - mean;
    dev += d * d;
    const int32_t k = js_int32((v[i] - lo) / width);
    tally[k >= bins ? bins - 1 : k > 0 ? k : 0]++;
  }
  s->dev = dev;
  for (int b = 0; b < bins; b++) counts[b] = (double)tally[b];
}

int gw_gradient_stats(const float* v, size_t n, int hist_bins, double* hist, const gw_log10_table* t,
                      double* log10, gw_summary* s) {
  /* integer tallies for both count arrays (see SUMMARY_LOCALS), converted once at the end */
  uint64_t* tally = calloc((size_t)(t->bins > hist_bins ? t->bins : hist_bins), sizeof(uint64_t));
  if (tally == NULL) return -1;
  SUMMARY_LOCALS;
  for (size_t i = 0; i < n; i++) {
    const double x = v[i];
    SUMMARY_STEP(x);
    tally[log10_bin(v[i], t)]++;
  }
  for (int b = 0; b < t->bins; b++) log10[b] = (double)tally[b];
  SUMMARY_STORE(s);
  dev_and_histogram(v, n, s, hist_bins, hist, tally);
  free(tally);
  return 0;
}

void gw_array_stats(const float* v, size_t n, int act, double* saturated, gw_summary* s) {
  SUMMARY_LOCALS;
  /* the thresholds as Math.fround gives them: the float64 constants rounded to float32 */
  const float lo = (float)0.01, hi = (float)0.99;
  uint64_t k = 0;
  for (size_t i = 0; i < n; i++) {
    const double x = v[i];
    SUMMARY_STEP(x);
    if (act == GW_ACT_SIGMOID) k += v[i] < lo || v[i] > hi;
    else if (act == GW_ACT_TANH) k += fabsf(v[i]) > hi;
    else if (act == GW_ACT_RELU_LIKE) k += v[i] <= 0;
  }
  SUMMARY_STORE(s);
  summary_dev(v, n, s);
  if (act != GW_ACT_LINEAR) *saturated = (double)k;
}

void gw_weight_norms(const float* w, const float* before, const float* start, size_t n, double out[5]) {
  double ww = 0, dd = 0, bb = 0, de = 0, ss = 0;
  for (size_t i = 0; i < n; i++) {
    const double x = w[i], b = before[i], s = start[i];
    ww += x * x;
    bb += b * b;
    ss += s * s;
    dd += (x - b) * (x - b);
    de += (x - s) * (x - s);
  }
  out[0] = ww, out[1] = dd, out[2] = bb, out[3] = de, out[4] = ss;
}

double gw_dot(const float* a, const float* b, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i++) s += (double)a[i] * (double)b[i];
  return s;
}
