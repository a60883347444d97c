// Nx loads plugins with require(); this shim lets the plugin be TypeScript, loaded through tsx.
module.exports = require('tsx/cjs/api').require('./src/nx-plugin/index.ts', __filename);
