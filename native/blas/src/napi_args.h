/* Typed-array arguments of the N-API bindings, checked before any native code touches them. */
#ifndef GW_NAPI_ARGS_H
#define GW_NAPI_ARGS_H
#include <node_api.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * `v` is a typed array of type `want` with at least `need` elements: its data and length, or false
 * with a TypeError (wrong type) or RangeError (too short) naming `name` thrown.
 */
bool gw_typed(napi_env env, napi_value v, const char* name, napi_typedarray_type want, size_t need, void** data,
              size_t* len);
#endif
