import { exitQuietlyWhenPipeCloses } from './cli/output.js';
import { runCli } from './cli/run.js';
import { messageOf } from './error-message.js';

exitQuietlyWhenPipeCloses();
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${messageOf(error)}\n`);
    process.exitCode = 1;
  },
);
