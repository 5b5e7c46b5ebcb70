'use strict';
// The compiled addon, built at install time by node-gyp (see binding.gyp). Loading throws when the
// build failed or was skipped; the app reports why and trains on wasm alone.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS entry loading a .node addon
module.exports = require('./build/Release/gw_blas.node');
