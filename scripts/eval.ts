const USAGE = 'usage: npm run eval -- <summary|quotes> <file>… | duplicates [--threshold N] [--sample N]';

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  switch (name) {
    case 'summary':
      return (await import('./eval-summary.js')).runSummaryEval(args);
    case 'quotes':
      return (await import('./eval-quotes.js')).runQuotesEval(args);
    case 'duplicates':
      return (await import('./eval-duplicates.js')).runDuplicatesEval(args);
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
