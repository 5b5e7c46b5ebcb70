/*
 * The BLAS this addon runs on. macOS: Accelerate, linked. Elsewhere: OpenBLAS, opened at run time
 * (dlopen), not linked, so that
 * - the addon builds with nothing but a C compiler (no BLAS headers or -dev package), and says at
 *   run time, in words, when the library is missing;
 * - OPENBLAS_CORETYPE can be set before OpenBLAS reads it in its load-time constructor: OpenBLAS
 *   0.3.21 does not recognise some virtual CPUs (a generic "Intel Xeon Processor") and falls back
 *   to its Prescott (SSE3) kernels, 5–7× slower than the AVX-512 ones the CPU can run.
 */
#ifndef GW_BLAS_H
#define GW_BLAS_H
#include <stddef.h>

#if defined(GW_ACCELERATE)
#include <Accelerate/Accelerate.h>
#define gw_sgemm cblas_sgemm
#define GW_ROW CblasRowMajor
#define GW_N CblasNoTrans
#define GW_T CblasTrans
#else
enum { GW_ROW = 101, GW_N = 111, GW_T = 112 };
typedef void (*gw_sgemm_fn)(int order, int ta, int tb, int m, int n, int k, float alpha, const float* a, int lda,
                            const float* b, int ldb, float beta, float* c, int ldc);
extern gw_sgemm_fn gw_sgemm;
#endif

/* Opens the BLAS once per process; NULL on success, else why not (static text). */
const char* gw_blas_open(void);
/* library, config and core name; threads (0 when the library chooses), the core type forced, if any */
const char* gw_blas_library(void);
const char* gw_blas_config(void);
const char* gw_blas_core(void);
const char* gw_blas_forced_core(void);
int gw_blas_threads(void);
void gw_blas_set_threads(int n);

/* Convolution geometry, NHWC input, HWIO filter, as tfjs's computeConv2DInfo gives it. */
typedef struct {
  int n, inH, inW, inC, outH, outW, outC, kH, kW, sH, sW, dH, dW, padTop, padLeft;
} gw_conv;

/*
 * Memory for the patch matrix, reused across calls and owned by the caller: the addon keeps one
 * per JavaScript thread (N-API instance data) and frees it when that thread's environment ends,
 * while its code is still loaded. (A pthread-key destructor would run at thread exit, after Node
 * has unloaded a worker's addons: a call into unmapped code.)
 */
typedef struct {
  float* data;
  size_t cap;
} gw_scratch;

/* y [n·outH·outW, outC] = patches(x) · w [kH·kW·inC, outC]; 0, or -1 when out of memory */
int gw_conv2d(const gw_conv* g, const float* x, const float* w, float* y, gw_scratch* s);
/* dw [kH·kW·inC, outC] = patches(x)ᵀ · dy */
int gw_conv2d_backprop_filter(const gw_conv* g, const float* x, const float* dy, float* dw, gw_scratch* s);
/* dx = col2im(dy · wᵀ) */
int gw_conv2d_backprop_input(const gw_conv* g, const float* dy, const float* w, float* dx, gw_scratch* s);
#endif
