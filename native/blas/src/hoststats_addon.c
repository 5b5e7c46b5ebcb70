/*
 * N-API surface of the statistics loops (hoststats.c). Unlike the BLAS calls these take any typed
 * array of the right type — dataSync() copies as well as heap views — and need no BLAS opened.
 * Every size is checked before a loop runs, so a wrong array is a thrown error, never a read or
 * write outside it. Results go into Float64Arrays the caller passes (no objects to allocate).
 */
#include <node_api.h>
#include <stdbool.h>
#include <stdio.h>
#include "hoststats.h"
#include "napi_args.h"

#define ARGS(count, usage)                                                        \
  size_t argc = count;                                                            \
  napi_value a[count];                                                            \
  if (napi_get_cb_info(env, info, &argc, a, NULL, NULL) != napi_ok || argc < count) { \
    napi_throw_type_error(env, NULL, usage);                                      \
    return NULL;                                                                  \
  }


static void put_summary(const gw_summary* s, double* out) {
  const double f[GW_SUMMARY_FIELDS] = {s->sum, s->sq, s->abs, s->max_abs, s->small, s->min, s->max, s->dev};
  for (int i = 0; i < GW_SUMMARY_FIELDS; i++) out[i] = f[i];
}

/* gradientStats(g, hist, log10, start, next, out): hist's length is the bins, log10's the log10 bins */
static napi_value gradient_stats(napi_env env, napi_callback_info info) {
  ARGS(6, "gradientStats(g, hist, log10, start, next, out)");
  void *g, *hist, *log10, *start, *next, *out;
  size_t n, bins, lbins, len;
  if (!gw_typed(env, a[0], "g", napi_float32_array, 0, &g, &n) ||
      !gw_typed(env, a[1], "hist", napi_float64_array, 1, &hist, &bins) ||
      !gw_typed(env, a[2], "log10", napi_float64_array, 1, &log10, &lbins) ||
      !gw_typed(env, a[3], "start", napi_uint16_array, 1 << 15, &start, &len) ||
      !gw_typed(env, a[4], "next", napi_uint32_array, lbins + 1, &next, &len) ||
      !gw_typed(env, a[5], "out", napi_float64_array, GW_SUMMARY_FIELDS, &out, &len))
    return NULL;
  if (bins > 0x7fffffff || lbins > 0x7fffffff) {
    napi_throw_range_error(env, NULL, "hist and log10 must hold fewer than 2^31 bins");
    return NULL;
  }
  const gw_log10_table t = {start, next, (int)lbins};
  gw_summary s;
  if (gw_gradient_stats(g, n, (int)bins, hist, &t, log10, &s) != 0) {
    napi_throw_error(env, "ENOMEM", "out of memory for the statistics' bin tallies");
    return NULL;
  }
  put_summary(&s, out);
  return NULL;
}

/* arrayStats(v, act, out): out[8] is the saturated count (left as is for linear, act 0) */
static napi_value array_stats(napi_env env, napi_callback_info info) {
  ARGS(3, "arrayStats(v, act, out)");
  void *v, *out;
  size_t n, len;
  int act = -1;
  if (!gw_typed(env, a[0], "v", napi_float32_array, 0, &v, &n) ||
      !gw_typed(env, a[2], "out", napi_float64_array, GW_SUMMARY_FIELDS + 1, &out, &len))
    return NULL;
  if (napi_get_value_int32(env, a[1], &act) != napi_ok || act < GW_ACT_LINEAR || act > GW_ACT_RELU_LIKE) {
    napi_throw_range_error(env, NULL, "act must be 0 (linear), 1 (sigmoid), 2 (tanh) or 3 (zero or below saturates)");
    return NULL;
  }
  gw_summary s;
  double* o = out;
  gw_array_stats(v, n, act, &o[GW_SUMMARY_FIELDS], &s);
  put_summary(&s, o);
  return NULL;
}

/* weightNorms(w, before, start, out): out = ww, dd, bb, de, ss */
static napi_value weight_norms(napi_env env, napi_callback_info info) {
  ARGS(4, "weightNorms(w, before, start, out)");
  void *w, *before, *start, *out;
  size_t n, len;
  if (!gw_typed(env, a[0], "w", napi_float32_array, 0, &w, &n) ||
      !gw_typed(env, a[1], "before", napi_float32_array, n, &before, &len) ||
      !gw_typed(env, a[2], "start", napi_float32_array, n, &start, &len) ||
      !gw_typed(env, a[3], "out", napi_float64_array, 5, &out, &len))
    return NULL;
  gw_weight_norms(w, before, start, n, out);
  return NULL;
}

/* dot(a, b): Σ a[i]·b[i] over a's length, in float64 */
static napi_value dot(napi_env env, napi_callback_info info) {
  ARGS(2, "dot(a, b)");
  void *x, *y;
  size_t n, len;
  if (!gw_typed(env, a[0], "a", napi_float32_array, 0, &x, &n) ||
      !gw_typed(env, a[1], "b", napi_float32_array, n, &y, &len))
    return NULL;
  napi_value r;
  if (napi_create_double(env, gw_dot(x, y, n), &r) != napi_ok) return NULL;
  return r;
}

napi_status gw_define_hoststats(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"gradientStats", NULL, gradient_stats, NULL, NULL, NULL, napi_enumerable, NULL},
      {"arrayStats", NULL, array_stats, NULL, NULL, NULL, napi_enumerable, NULL},
      {"weightNorms", NULL, weight_norms, NULL, NULL, NULL, napi_enumerable, NULL},
      {"dot", NULL, dot, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
