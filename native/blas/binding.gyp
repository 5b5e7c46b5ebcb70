{
  "targets": [
    {
      "target_name": "gw_blas",
      "sources": ["src/addon.c", "src/conv.c", "src/open.c", "src/patches.c"],
      "cflags": ["-O3", "-std=gnu11"],
      "conditions": [
        ["OS=='linux'", { "libraries": ["-ldl", "-lpthread"] }],
        ["OS=='mac'", {
          "libraries": ["-framework Accelerate"],
          "defines": ["GW_ACCELERATE", "ACCELERATE_NEW_LAPACK"],
          "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-std=gnu11"] }
        }]
      ]
    }
  ]
}
