/* Building patch matrices and adding their gradients back (see patches.h). */
#include <stddef.h>
#include <string.h>
#include "patches.h"

static size_t image_floats(const gw_conv* g) { return (size_t)g->inH * g->inW * g->inC; }

/* first input column of output column ow's window */
static int window_left(const gw_conv* g, int ow) { return ow * g->sW - g->padLeft; }

void gw_im2col(const gw_conv* g, const float* x, int n0, int count, float* p) {
  const size_t C = (size_t)g->inC, run = (size_t)g->kW * C;
  for (int n = n0; n < n0 + count; n++) {
    const float* img = x + (size_t)n * image_floats(g);
    for (int oh = 0; oh < g->outH; oh++)
      for (int ow = 0; ow < g->outW; ow++) {
        const int iw0 = window_left(g, ow);
        /* undilated and inside x across: each kernel row is one contiguous run of kW·inC values */
        const int whole_rows = g->dW == 1 && iw0 >= 0 && iw0 + g->kW <= g->inW;
        for (int kh = 0; kh < g->kH; kh++) {
          const int ih = oh * g->sH - g->padTop + kh * g->dH;
          if (ih < 0 || ih >= g->inH) {
            memset(p, 0, run * sizeof(float));
            p += run;
            continue;
          }
          const float* line = img + (size_t)ih * g->inW * C;
          if (whole_rows) {
            memcpy(p, line + (size_t)iw0 * C, run * sizeof(float));
            p += run;
            continue;
          }
          for (int kw = 0; kw < g->kW; kw++, p += C) {
            const int iw = iw0 + kw * g->dW;
            if (iw < 0 || iw >= g->inW) memset(p, 0, C * sizeof(float));
            else memcpy(p, line + (size_t)iw * C, C * sizeof(float));
          }
        }
      }
  }
}

void gw_col2im(const gw_conv* g, const float* dp, int n0, int count, float* dx) {
  const size_t C = (size_t)g->inC;
  for (int n = n0; n < n0 + count; n++) {
    float* img = dx + (size_t)n * image_floats(g);
    for (int oh = 0; oh < g->outH; oh++)
      for (int ow = 0; ow < g->outW; ow++)
        for (int kh = 0; kh < g->kH; kh++) {
          const int ih = oh * g->sH - g->padTop + kh * g->dH;
          for (int kw = 0; kw < g->kW; kw++, dp += C) {
            const int iw = window_left(g, ow) + kw * g->dW;
            if (ih < 0 || ih >= g->inH || iw < 0 || iw >= g->inW) continue;
            float* to = img + ((size_t)ih * g->inW + iw) * C;
            for (size_t c = 0; c < C; c++) to[c] += dp[c];
          }
        }
  }
}

/* the output columns [*lo, *hi) whose tap kw lands inside x */
static void inside_columns(const gw_conv* g, int kw, int* lo, int* hi) {
  const int before = g->padLeft - kw * g->dW;          /* ow·sW must reach this */
  const int last = g->inW - 1 + g->padLeft - kw * g->dW; /* and not pass this */
  int l = before <= 0 ? 0 : (before + g->sW - 1) / g->sW;
  int h = last < 0 ? 0 : last / g->sW + 1;
  if (h > g->outW) h = g->outW;
  if (l > h) l = h;
  *lo = l;
  *hi = h;
}

/*
 * Both tap-layout loops: image by image (one image of x or dx stays in cache), tap by tap, output
 * row by output row; `add` picks the direction (x → Pᵀ, or dx += dPᵀ).
 */
static void taps(const gw_conv* g, float* img_base, float* pt, int n0, int count, int add) {
  const size_t C = (size_t)g->inC, rows = (size_t)count * g->outH * g->outW, step = (size_t)g->sW * C;
  for (int n = n0; n < n0 + count; n++) {
    float* img = img_base + (size_t)n * image_floats(g);
    for (int kh = 0; kh < g->kH; kh++)
      for (int kw = 0; kw < g->kW; kw++) {
        int lo, hi;
        inside_columns(g, kw, &lo, &hi);
        for (size_t ci = 0; ci < C; ci++) {
          float* row = pt + ((kh * g->kW + kw) * C + ci) * rows + (size_t)(n - n0) * g->outH * g->outW;
          for (int oh = 0; oh < g->outH; oh++, row += g->outW) {
            const int ih = oh * g->sH - g->padTop + kh * g->dH;
            const int in = ih >= 0 && ih < g->inH;
            const int a = in ? lo : g->outW, b = in ? hi : g->outW;
            float* at = a < b ? img + ((size_t)ih * g->inW + (window_left(g, a) + kw * g->dW)) * C + ci : NULL;
            if (add) {
              for (int ow = a; ow < b; ow++, at += step) *at += row[ow];
            } else {
              for (int ow = 0; ow < a; ow++) row[ow] = 0;
              for (int ow = a; ow < b; ow++, at += step) row[ow] = *at;
              for (int ow = b; ow < g->outW; ow++) row[ow] = 0;
            }
          }
        }
      }
  }
}

void gw_im2col_taps(const gw_conv* g, const float* x, int n0, int count, float* pt) {
  taps(g, (float*)x, pt, n0, count, 0); /* reads x only */
}

void gw_col2im_taps(const gw_conv* g, const float* dpt, int n0, int count, float* dx) {
  taps(g, dx, (float*)dpt, n0, count, 1); /* reads dpt only */
}
