// The command line every JavaScript peer driver shares, the same contract as the webrtc4j
// offerer (interop/README.md, "Driver contract"):
//   DRIVER offer --url URL --case NAME     run one case as offerer; prints one line
//                                           "PASS NAME (details)" or "FAIL NAME: reason";
//                                           exit 0 on PASS, 1 on FAIL, 2 on bad usage
//   DRIVER offer --url URL --case hold     connect, one round trip, print "READY", wait to be killed
//   DRIVER echo --port PORT                 serve POST /offer on 127.0.0.1:PORT (0 = any), print
//                                           "LISTENING http://127.0.0.1:PORT/offer", echo until killed
// Diagnostics go to stderr; stdout carries only these lines.
import { parseArgs } from 'node:util';
import { CASES, HOLD } from './cases.mjs';

export function parseDriverArgs(argv, extraOptions = {}) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      case: { type: 'string' },
      port: { type: 'string', default: '0' },
      ...extraOptions,
    },
  });
  const mode = positionals[0];
  const usage = (msg) => {
    process.stderr.write(`${msg}\nusage: offer --url URL --case (${[...CASES, HOLD].join('|')}) | echo --port PORT\n`);
    process.exit(2);
  };
  if (mode === 'offer') {
    if (!values.url) usage('offer needs --url');
    if (!values.case || ![...CASES, HOLD].includes(values.case)) usage(`unknown case '${values.case}'`);
  } else if (mode !== 'echo') {
    usage(`unknown mode '${mode}'`);
  }
  return { mode, ...values, port: Number(values.port) };
}

/** Prints the one result line and exits with the contract's exit code. */
export function report(name, ok, text) {
  const line = ok ? `PASS ${name} (${text})` : `FAIL ${name}: ${String(text).replace(/\s+/g, ' ')}`;
  process.stdout.write(`${line}\n`, () => process.exit(ok ? 0 : 1));
}
