#!/usr/bin/env node
// Makes sure a Chromium is present for the browser tests, installing Debian's package if needed.
// Playwright cannot download its own browsers on this network, so we use the system Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) {
  console.log(`browser: using ${found}`);
  process.exit(0);
}
const isRoot = process.getuid?.() === 0;
if (!isRoot) {
  console.error('browser: no Chromium found. Install it with `sudo apt-get install -y chromium`, or set CHROME_PATH to a Chromium binary.');
  process.exit(1);
}
console.log('browser: no Chromium found; installing Debian\'s chromium package (apt-get install -y chromium)...');
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
} catch {
  console.error('browser: installing chromium failed. Install it by hand (apt-get install -y chromium) or set CHROME_PATH.');
  process.exit(1);
}
console.log('browser: installed /usr/bin/chromium');
