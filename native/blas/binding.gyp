{
  "targets": [
    {
      "target_name": "gw_blas",
      "sources": [
        "src/addon.c", "src/conv.c", "src/open.c", "src/patches.c", "src/hoststats.c", "src/hoststats_addon.c", "src/napi_args.c"
      ],
      # no contraction (a*b+c fused) and no fast-math: hoststats.c must sum in the JavaScript's order to
      # give its results bit for bit; the other sources add floats but multiply none (BLAS does)
      "cflags": ["-O3", "-std=gnu11", "-ffp-contract=off", "-fno-fast-math"],
      "conditions": [
        ["OS=='linux'", { "libraries": ["-ldl", "-lpthread"] }],
        ["OS=='mac'", {
          "libraries": ["-framework Accelerate"],
          "defines": ["GW_ACCELERATE", "ACCELERATE_NEW_LAPACK"],
          "xcode_settings": { "OTHER_CFLAGS": ["-O3", "-std=gnu11", "-ffp-contract=off", "-fno-fast-math"] }
        }]
      ]
    }
  ]
}
