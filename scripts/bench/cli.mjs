// @ts-check
/** The benchmark's command line, parsed with `node:util` `parseArgs`. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../lib/chromium.mjs';

/**
 * @typedef {object} BenchOptions
 * @property {number} runs samples per figure
 * @property {string} out absolute path of the folder for report.json and report.md
 * @property {string[]} sections the sections to run, in the order given by `names`
 * @property {number} floodSeconds how long the hostile-load section floods
 */

/** A command line the benchmark cannot run: print `message` and the usage line, exit 2. */
export class UsageError extends Error {}

/**
 * The usage line.
 * @param {string[]} names the sections, in order
 */
export function usage(names) {
  return `Usage: node scripts/bench.mjs [--runs N] [--out DIR] [--sections ${names.join(',')}] [--flood-seconds S] [--help]`;
}

/**
 * `parseArgs`' values for `args`, every option known and with its value.
 * @param {string[]} args
 * @param {string[]} names
 */
function parse(args, names) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        runs: { type: 'string', default: '20' },
        out: { type: 'string', default: 'bench-results' },
        sections: { type: 'string', default: names.join(',') },
        'flood-seconds': { type: 'string', default: '60' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(/** @type {Error} */ (error).message);
  }
}

/**
 * Parses `args` (`process.argv.slice(2)`). `--out` is relative to the repository root.
 * @param {string[]} args
 * @param {string[]} names the known sections, in the order they run (the default: all)
 * @returns {BenchOptions | null} `null` for `--help`
 * @throws {UsageError} on an unknown option, a missing or malformed value, or an unknown section.
 */
export function parseOptions(args, names) {
  const values = parse(args, names);
  if (values.help) return null;
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new UsageError(`--runs wants a whole number from 1, not '${values.runs}'`);
  const floodSeconds = Number(values['flood-seconds']);
  if (!Number.isFinite(floodSeconds) || floodSeconds <= 0)
    throw new UsageError(
      `--flood-seconds wants a number of seconds over 0, not '${values['flood-seconds']}'`,
    );
  const wanted = values.sections.split(',').filter(Boolean);
  const unknown = wanted.filter((name) => !names.includes(name));
  if (unknown.length) throw new UsageError(`--sections: unknown section '${unknown.join(',')}'`);
  if (!wanted.length) throw new UsageError('--sections wants at least one section');
  return {
    runs,
    out: resolve(ROOT, values.out),
    sections: names.filter((name) => wanted.includes(name)),
    floodSeconds,
  };
}
