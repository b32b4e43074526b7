// Browser mode as `npm run serve` starts it, on PSR_DATA_DIR with a stand-in page: prints one
// JSON line (ready, its address and token) or the refusal it met (refused, code and message).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserMode } from '../../main/doors/serve';

const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-holder-static-'));
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
const print = (o: unknown) => fs.writeSync(1, `${JSON.stringify(o)}\n`);

startBrowserMode({ dataDir: process.env.PSR_DATA_DIR ?? '', staticDir, port: 0 }).then(
  (mode) => {
    print({ stage: 'ready', port: mode.server.port, token: mode.server.token, pid: process.pid });
    const stop = () => void mode.stop().then(() => process.exit(0));
    process.on('SIGTERM', stop);
  },
  (e: unknown) => {
    print({ stage: 'refused', code: (e as { code?: unknown }).code, message: (e as Error).message });
    process.exit(1);
  },
);
