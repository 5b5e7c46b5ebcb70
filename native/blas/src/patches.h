/*
 * The patch matrix of a convolution (see conv.c) for images [n0, n0 + count), in two layouts:
 * - rows: P [rows, K], row m = (image, oh, ow) holds its window, K = kH·kW·inC values;
 * - taps: Pᵀ [K, rows], row k = (kh, kw, ci) holds what that tap reads at every output position.
 * The tap layout copies runs of outW values (one per output column) where the row layout copies
 * runs of inC (or kW·inC) values, so it is the faster one to build for few input channels.
 * col2im adds a patch-shaped gradient back onto dx where its windows came from.
 */
#ifndef GW_PATCHES_H
#define GW_PATCHES_H
#include "blas.h"

void gw_im2col(const gw_conv* g, const float* x, int n0, int count, float* p);
void gw_col2im(const gw_conv* g, const float* dp, int n0, int count, float* dx);
void gw_im2col_taps(const gw_conv* g, const float* x, int n0, int count, float* pt);
void gw_col2im_taps(const gw_conv* g, const float* dpt, int n0, int count, float* dx);
#endif
