/*
 * N-API surface of the native tier. Every array is a Float32Array the caller owns (on the wasm
 * backend: views of its heap); sizes are checked against the arrays before any BLAS call, so a
 * wrong shape is a thrown RangeError, never a write outside the caller's memory.
 */
#include <node_api.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include "blas.h"
#include "napi_args.h"

/* the statistics loops' bindings (hoststats_addon.c) */
napi_status gw_define_hoststats(napi_env env, napi_value exports);


#define CHECK(call) \
  do { if ((call) != napi_ok) { napi_throw_error(env, NULL, "gradient-workbench-blas: N-API call failed: " #call); return NULL; } } while (0)

static bool f32(napi_env env, napi_value v, const char* name, size_t need, float** out) {
  size_t len = 0;
  return gw_typed(env, v, name, napi_float32_array, need, (void**)out, &len);
}

/* the BLAS is open, or a thrown Error says why not */
static bool ready(napi_env env) {
  const char* err = gw_blas_open();
  if (err != NULL) napi_throw_error(env, "ENOBLAS", err);
  return err == NULL;
}

static bool int_arg(napi_env env, napi_value v, const char* name, int min, int* out) {
  if (napi_get_value_int32(env, v, out) != napi_ok || *out < min) {
    char msg[96];
    snprintf(msg, sizeof msg, "%s must be an integer >= %d", name, min);
    napi_throw_range_error(env, NULL, msg);
    return false;
  }
  return true;
}

/* sgemm(transA, transB, m, n, k, a, b, c, beta): c [m, n] = op(a) · op(b) + beta · c, row-major */
static napi_value sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value a[9];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 8) {
    napi_throw_type_error(env, NULL, "sgemm(transA, transB, m, n, k, a, b, c, beta?)");
    return NULL;
  }
  bool ta = false, tb = false;
  int m, n, k;
  double beta = 0;
  CHECK(napi_get_value_bool(env, a[0], &ta));
  CHECK(napi_get_value_bool(env, a[1], &tb));
  if (!int_arg(env, a[2], "m", 0, &m) || !int_arg(env, a[3], "n", 0, &n) || !int_arg(env, a[4], "k", 0, &k)) return NULL;
  napi_valuetype beta_type = napi_undefined;
  if (argc > 8) CHECK(napi_typeof(env, a[8], &beta_type));
  /* an explicit undefined is the default, as in JavaScript */
  if (beta_type != napi_undefined && napi_get_value_double(env, a[8], &beta) != napi_ok) {
    napi_throw_type_error(env, NULL, "beta must be a number");
    return NULL;
  }
  float *A, *B, *C;
  if (!f32(env, a[5], "a", (size_t)m * k, &A) || !f32(env, a[6], "b", (size_t)k * n, &B) ||
      !f32(env, a[7], "c", (size_t)m * n, &C))
    return NULL;
  if (m == 0 || n == 0) return NULL;
  if (!ready(env)) return NULL;
  gw_sgemm(GW_ROW, ta ? GW_T : GW_N, tb ? GW_T : GW_N, m, n, k, 1.0f, A,
              ta ? m : k, B, tb ? k : n, (float)beta, C, n);
  return NULL;
}

static bool geometry(napi_env env, napi_value v, gw_conv* g) {
  static const char* what = "geometry (n inH inW inC outH outW outC kH kW sH sW dH dW padTop padLeft)";
  size_t len = 0;
  void* data = NULL;
  if (!gw_typed(env, v, what, napi_int32_array, 15, &data, &len)) return false;
  if (len != 15) {
    napi_throw_range_error(env, NULL, "geometry must hold exactly 15 values");
    return false;
  }
  const int* q = data;
  *g = (gw_conv){q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7], q[8], q[9], q[10], q[11], q[12], q[13], q[14]};
  for (int i = 0; i < 13; i++)
    if (q[i] < 1) {
      napi_throw_range_error(env, NULL, "geometry: sizes, strides and dilations must be >= 1");
      return false;
    }
  if (g->padTop < 0 || g->padLeft < 0) {
    napi_throw_range_error(env, NULL, "geometry: padding must be >= 0");
    return false;
  }
  return true;
}

typedef int (*conv_fn)(const gw_conv*, const float*, const float*, float*, gw_scratch*);
enum { X, W, Y };

/* conv(geometry, in1, in2, out): the roles of the three arrays are `roles` (x, w or y sized) */
static napi_value conv_call(napi_env env, napi_callback_info info, conv_fn fn, const int roles[3], const char* names[3]) {
  size_t argc = 4;
  napi_value a[4];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  gw_conv g;
  if (argc < 4) {
    napi_throw_type_error(env, NULL, "a convolution takes (geometry, in1, in2, out)");
    return NULL;
  }
  if (!ready(env) || !geometry(env, a[0], &g)) return NULL;
  size_t sizes[3] = {(size_t)g.n * g.inH * g.inW * g.inC, (size_t)g.kH * g.kW * g.inC * g.outC,
                     (size_t)g.n * g.outH * g.outW * g.outC};
  float* p[3];
  for (int i = 0; i < 3; i++)
    if (!f32(env, a[i + 1], names[i], sizes[roles[i]], &p[i])) return NULL;
  gw_scratch* scratch = NULL;
  CHECK(napi_get_instance_data(env, (void**)&scratch));
  if (fn(&g, p[0], p[1], p[2], scratch) != 0)
    napi_throw_error(env, "ENOMEM", "out of memory for the convolution's patch matrix");
  return NULL;
}

static napi_value conv2d(napi_env env, napi_callback_info info) {
  static const int roles[3] = {X, W, Y};
  static const char* names[3] = {"x", "filter", "y"};
  return conv_call(env, info, gw_conv2d, roles, names);
}
static napi_value conv2d_bf(napi_env env, napi_callback_info info) {
  static const int roles[3] = {X, Y, W};
  static const char* names[3] = {"x", "dy", "dFilter"};
  return conv_call(env, info, gw_conv2d_backprop_filter, roles, names);
}
static napi_value conv2d_bi(napi_env env, napi_callback_info info) {
  static const int roles[3] = {Y, W, X};
  static const char* names[3] = {"dy", "filter", "dx"};
  return conv_call(env, info, gw_conv2d_backprop_input, roles, names);
}

/* setThreads(n): BLAS threads for this process (OpenBLAS; Accelerate chooses its own) */
static napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value a[1];
  int n;
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 1 || !int_arg(env, a[0], "threads", 1, &n)) return NULL;
  if (ready(env)) gw_blas_set_threads(n);
  return NULL;
}

static napi_value str(napi_env env, const char* s) {
  napi_value v;
  napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  return v;
}

/* info(): { library, config, core, forcedCore, threads, error } — threads 0 when the library
   manages its own; error (and nothing else) when the BLAS could not be opened */
static napi_value describe(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value o, t;
  CHECK(napi_create_object(env, &o));
  napi_set_named_property(env, o, "library", str(env, gw_blas_library()));
  const char* err = gw_blas_open();
  if (err != NULL) {
    napi_set_named_property(env, o, "error", str(env, err));
    return o;
  }
  napi_set_named_property(env, o, "config", str(env, gw_blas_config()));
  napi_set_named_property(env, o, "core", str(env, gw_blas_core()));
  const char* forced = gw_blas_forced_core();
  if (forced != NULL) napi_set_named_property(env, o, "forcedCore", str(env, forced));
  CHECK(napi_create_int32(env, gw_blas_threads(), &t));
  napi_set_named_property(env, o, "threads", t);
  return o;
}

/* this environment's (JavaScript thread's) patch memory, freed with it */
static void free_scratch(napi_env env, void* data, void* hint) {
  (void)env;
  (void)hint;
  gw_scratch* s = data;
  free(s->data);
  free(s);
}

NAPI_MODULE_INIT() {
  gw_scratch* scratch = calloc(1, sizeof *scratch);
  if (scratch == NULL || napi_set_instance_data(env, scratch, free_scratch, NULL) != napi_ok) {
    free(scratch);
    napi_throw_error(env, "ENOMEM", "gradient-workbench-blas: could not set up its patch memory");
    return NULL;
  }
  napi_property_descriptor props[] = {
      {"sgemm", NULL, sgemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"conv2d", NULL, conv2d, NULL, NULL, NULL, napi_enumerable, NULL},
      {"conv2dBackpropFilter", NULL, conv2d_bf, NULL, NULL, NULL, napi_enumerable, NULL},
      {"conv2dBackpropInput", NULL, conv2d_bi, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"info", NULL, describe, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  if (gw_define_hoststats(env, exports) != napi_ok) return NULL;
  return exports;
}
