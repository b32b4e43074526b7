// The psr command as bin/psr.mjs runs it, bundled so a test can start it as its own process quickly.
import { runCli } from '../../main/doors/cli';

process.exitCode = await runCli(process.argv.slice(2));
