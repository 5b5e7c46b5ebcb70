'use strict';
// The compiled addon, built at install time by node-gyp (see binding.gyp and install.cjs). Loading
// throws when the build failed or was skipped; the app reports why and trains on wasm alone.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const addon = join(__dirname, 'build', 'Release', 'gw_blas.node');
const notBuilt = join(__dirname, 'build', 'not-built.txt');
if (!existsSync(addon) && existsSync(notBuilt)) {
  // install.cjs recorded why node-gyp failed: say that, rather than "cannot find gw_blas.node"
  const err = new Error(`not built at install: ${readFileSync(notBuilt, 'utf8').trim()}`);
  err.code = 'GW_BLAS_NOT_BUILT';
  throw err;
}
module.exports = require(addon);
