#!/usr/bin/env node
// The `sightline-fake-provider` command. A committed shim (not dist/ itself) so that `npm install` in the
// repository links the bin before anything is built; the code is in dist/cli.js (`npm run build`).
import '../dist/cli.js';
