/*
 * 2-D convolutions as matrix products (NHWC input, HWIO filter, any stride, dilation, padding).
 *
 * patches(x) is the im2col matrix P [n·outH·outW, kH·kW·inC]: row m = (image, oh, ow) holds the
 * kH·kW windows of inC channels that output position reads, zeros where the window leaves x. With
 * the filter as W [kH·kW·inC, outC] (its own HWIO layout):
 *   forward          y  = P · W
 *   filter gradient  dW = Pᵀ · dy
 *   input gradient   dx = col2im(dy · Wᵀ)   (each row of dP added back where its window came from)
 * A 1×1 stride-1 unpadded convolution needs no P: it is x itself. P is built in one of two layouts
 * (rows, or taps: Pᵀ; see patches.h), whichever is faster to build for the channel count.
 *
 * P is built in the caller's scratch buffer (addon.c keeps one per JavaScript thread), a chunk of
 * images at a time so that it stays under SCRATCH_FLOATS; the filter gradient sums the chunks'
 * products.
 */
#include <stdlib.h>
#include <string.h>
#include "blas.h"
#include "patches.h"

#define SCRATCH_FLOATS ((size_t)1 << 23) /* 32 MB */

/* a buffer of at least `floats` in `s`, grown as needed; NULL when out of memory */
static float* scratch(gw_scratch* s, size_t floats) {
  if (s->cap < floats) {
    free(s->data);
    s->data = malloc(floats * sizeof(float));
    s->cap = s->data ? floats : 0;
  }
  return s->data;
}

static size_t patch_width(const gw_conv* g) { return (size_t)g->kH * g->kW * g->inC; }
static size_t positions(const gw_conv* g) { return (size_t)g->outH * g->outW; }

static int is_pointwise(const gw_conv* g) {
  return g->kH == 1 && g->kW == 1 && g->sH == 1 && g->sW == 1 && g->padTop == 0 && g->padLeft == 0 &&
         g->outH == g->inH && g->outW == g->inW;
}

/* images per chunk so that a chunk's P fits the scratch limit (at least one) */
static int chunk_images(const gw_conv* g) {
  size_t per = positions(g) * patch_width(g);
  size_t c = per == 0 ? (size_t)g->n : SCRATCH_FLOATS / per;
  if (c < 1) c = 1;
  if (c > (size_t)g->n) c = (size_t)g->n;
  return (int)c;
}

/*
 * A single input channel builds the patches tap by tap (patches.h: runs of outW values instead of
 * single floats) and hands Pᵀ to sgemm with a transpose flag. Measured on the reference CNN's first
 * layer (64×32×32×1 → 16, 3×3): forward 2.7 → 0.9 ms, filter gradient 2.9 → 0.9, input gradient
 * 2.8 → 1.7; with 3 channels the two layouts measured alike, with 8 or 16 the tap layout's strided
 * reads made it 2× slower.
 */
static int by_taps(const gw_conv* g) { return g->inC == 1; }

int gw_conv2d(const gw_conv* g, const float* x, const float* w, float* y, gw_scratch* s) {
  const int K = (int)patch_width(g), O = g->outC;
  if (is_pointwise(g)) {
    gw_sgemm(GW_ROW, GW_N, GW_N, g->n * (int)positions(g), O, K, 1.0f, x, K, w, O, 0.0f, y, O);
    return 0;
  }
  const int chunk = chunk_images(g), taps = by_taps(g);
  float* p = scratch(s, (size_t)chunk * positions(g) * K);
  if (p == NULL) return -1;
  for (int n0 = 0; n0 < g->n; n0 += chunk) {
    int count = g->n - n0 < chunk ? g->n - n0 : chunk;
    int rows = count * (int)positions(g);
    float* out = y + (size_t)n0 * positions(g) * O;
    if (taps) {
      gw_im2col_taps(g, x, n0, count, p);
      gw_sgemm(GW_ROW, GW_T, GW_N, rows, O, K, 1.0f, p, rows, w, O, 0.0f, out, O);
    } else {
      gw_im2col(g, x, n0, count, p);
      gw_sgemm(GW_ROW, GW_N, GW_N, rows, O, K, 1.0f, p, K, w, O, 0.0f, out, O);
    }
  }
  return 0;
}

int gw_conv2d_backprop_filter(const gw_conv* g, const float* x, const float* dy, float* dw, gw_scratch* s) {
  const int K = (int)patch_width(g), O = g->outC;
  if (is_pointwise(g)) {
    gw_sgemm(GW_ROW, GW_T, GW_N, K, O, g->n * (int)positions(g), 1.0f, x, K, dy, O, 0.0f, dw, O);
    return 0;
  }
  const int chunk = chunk_images(g), taps = by_taps(g);
  float* p = scratch(s, (size_t)chunk * positions(g) * K);
  if (p == NULL) return -1;
  for (int n0 = 0; n0 < g->n; n0 += chunk) {
    int count = g->n - n0 < chunk ? g->n - n0 : chunk;
    int rows = count * (int)positions(g);
    const float* d = dy + (size_t)n0 * positions(g) * O;
    float beta = n0 == 0 ? 0.0f : 1.0f;
    if (taps) {
      gw_im2col_taps(g, x, n0, count, p);
      gw_sgemm(GW_ROW, GW_N, GW_N, K, O, rows, 1.0f, p, rows, d, O, beta, dw, O);
    } else {
      gw_im2col(g, x, n0, count, p);
      gw_sgemm(GW_ROW, GW_T, GW_N, K, O, rows, 1.0f, p, K, d, O, beta, dw, O);
    }
  }
  return 0;
}

int gw_conv2d_backprop_input(const gw_conv* g, const float* dy, const float* w, float* dx, gw_scratch* s) {
  const int K = (int)patch_width(g), O = g->outC;
  if (is_pointwise(g)) {
    gw_sgemm(GW_ROW, GW_N, GW_T, g->n * (int)positions(g), K, O, 1.0f, dy, O, w, O, 0.0f, dx, K);
    return 0;
  }
  memset(dx, 0, (size_t)g->n * g->inH * g->inW * g->inC * sizeof(float));
  const int chunk = chunk_images(g), taps = by_taps(g);
  float* dp = scratch(s, (size_t)chunk * positions(g) * K);
  if (dp == NULL) return -1;
  for (int n0 = 0; n0 < g->n; n0 += chunk) {
    int count = g->n - n0 < chunk ? g->n - n0 : chunk;
    int rows = count * (int)positions(g);
    const float* d = dy + (size_t)n0 * positions(g) * O;
    if (taps) {
      gw_sgemm(GW_ROW, GW_N, GW_T, K, rows, O, 1.0f, w, O, d, O, 0.0f, dp, rows);
      gw_col2im_taps(g, dp, n0, count, dx);
    } else {
      gw_sgemm(GW_ROW, GW_N, GW_T, rows, K, O, 1.0f, d, O, w, O, 0.0f, dp, K);
      gw_col2im(g, dp, n0, count, dx);
    }
  }
  return 0;
}
