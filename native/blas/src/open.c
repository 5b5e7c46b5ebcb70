/* Opening the BLAS (see blas.h): OpenBLAS by dlopen with the core type chosen first, or Accelerate. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include "blas.h"

#if defined(GW_ACCELERATE)
const char* gw_blas_open(void) { return NULL; }
const char* gw_blas_library(void) { return "Accelerate"; }
const char* gw_blas_config(void) { return "Apple Accelerate"; }
const char* gw_blas_core(void) { return "system"; }
const char* gw_blas_forced_core(void) { return NULL; }
int gw_blas_threads(void) { return 0; }
void gw_blas_set_threads(int n) { (void)n; }
#else
#include <dlfcn.h>

gw_sgemm_fn gw_sgemm = NULL;
static void (*set_threads)(int) = NULL;
static int (*get_threads)(void) = NULL;
static char* (*get_config)(void) = NULL;
static char* (*get_core)(void) = NULL;
static const char* open_error = NULL;
static const char* forced = NULL;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* The newest kernel family this CPU runs, by its instruction sets; NULL where OpenBLAS should choose. */
static const char* core_for_cpu(void) {
#if defined(__x86_64__) && defined(__GNUC__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq") &&
      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512cd"))
    return "SkylakeX";
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return "Haswell";
#endif
  return NULL;
}

static void open_once(void) {
  /* a core type the user set wins; OPENBLAS_CORETYPE is read by OpenBLAS's constructor */
  if (getenv("OPENBLAS_CORETYPE") == NULL) {
    forced = core_for_cpu();
    if (forced != NULL) setenv("OPENBLAS_CORETYPE", forced, 0);
  }
  static const char* names[] = {"libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"};
  void* lib = NULL;
  for (size_t i = 0; i < sizeof names / sizeof names[0] && lib == NULL; i++) lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    open_error = "OpenBLAS is not installed (libopenblas.so.0 not found)";
    return;
  }
  gw_sgemm = (gw_sgemm_fn)dlsym(lib, "cblas_sgemm");
  set_threads = (void (*)(int))dlsym(lib, "openblas_set_num_threads");
  get_threads = (int (*)(void))dlsym(lib, "openblas_get_num_threads");
  get_config = (char* (*)(void))dlsym(lib, "openblas_get_config");
  get_core = (char* (*)(void))dlsym(lib, "openblas_get_corename");
  if (!gw_sgemm || !set_threads || !get_threads || !get_config || !get_core) {
    gw_sgemm = NULL;
    open_error = "the library found as libopenblas lacks cblas_sgemm or the openblas_* functions";
    return;
  }
  /* one thread until the app asks for more: trainers in one process share this setting */
  set_threads(1);
}

const char* gw_blas_open(void) {
  pthread_once(&once, open_once);
  return open_error;
}
const char* gw_blas_library(void) { return "OpenBLAS"; }
const char* gw_blas_config(void) { return get_config ? get_config() : ""; }
const char* gw_blas_core(void) { return get_core ? get_core() : ""; }
const char* gw_blas_forced_core(void) { return forced; }
int gw_blas_threads(void) { return get_threads ? get_threads() : 0; }
void gw_blas_set_threads(int n) {
  if (set_threads) set_threads(n);
}
#endif
