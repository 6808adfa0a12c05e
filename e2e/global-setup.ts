import fs from 'node:fs';

// Checks the browser is there and says how to get it (it cannot be downloaded here).
export default function globalSetup() {
  const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(browser))
    throw new Error(`Chromium not found at ${browser}: run \`apt-get install -y chromium\` (or .ci/run).`);
}
