#!/usr/bin/env node
// The `sightline` command. A committed shim (not dist/ itself) so that `npm install` in the repository links
// the bin before anything is built; the code is in dist/bin.js (`npm run build`).
import '../dist/bin.js';
