/* Checking a typed-array argument once for every binding (addon.c, hoststats_addon.c). */
#include <stdio.h>
#include "napi_args.h"

static const char* type_name(napi_typedarray_type t) {
  switch (t) {
    case napi_float32_array: return "Float32Array";
    case napi_float64_array: return "Float64Array";
    case napi_uint16_array: return "Uint16Array";
    case napi_uint32_array: return "Uint32Array";
    case napi_int32_array: return "Int32Array";
    default: return "typed array";
  }
}

/* `v` is a typed array of type `want` with at least `need` elements; its data and length */
bool gw_typed(napi_env env, napi_value v, const char* name, napi_typedarray_type want, size_t need, void** data,
                  size_t* len) {
  bool is = false;
  napi_typedarray_type t = napi_int8_array;
  napi_is_typedarray(env, v, &is);
  if (is) napi_get_typedarray_info(env, v, &t, len, data, NULL, NULL);
  char msg[128];
  if (!is || t != want) {
    const char* type = type_name(want);
    snprintf(msg, sizeof msg, "%s must be %s %s", name, type[0] == 'U' || type[0] == 'I' ? "an" : "a", type);
    napi_throw_type_error(env, NULL, msg);
    return false;
  }
  if (*len < need) {
    snprintf(msg, sizeof msg, "%s holds %zu elements, the operation needs %zu", name, *len, need);
    napi_throw_range_error(env, NULL, msg);
    return false;
  }
  return true;
}
