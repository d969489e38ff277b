import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { keyedVariant } from './keyed-variant';

// keyedVariant must be only faster than v.variant: the same output and the same issues (kind,
// path, message) for every input, a hostile one included.
const options = [
  v.strictObject({ type: v.literal('activity') }),
  v.strictObject({ type: v.literal('answer'), id: v.number(), outcome: v.picklist(['a', 'b']) }),
  v.strictObject({ type: v.literal('record'), record: v.strictObject({ n: v.string() }) }),
] as const;
const keyed = keyedVariant('type', [...options]);
const whole = v.variant('type', [...options]);

/** What a parse gives, as data that `toEqual` compares: output, or each issue's path and message. */
function outcome(schema: v.GenericSchema, input: unknown) {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: result.output };
  return {
    issues: result.issues.map((issue) => ({
      kind: issue.kind,
      type: issue.type,
      message: issue.message,
      path: issue.path?.map((item) => item.key),
    })),
  };
}

const inherited = Object.create({ type: 'activity' }) as object;

describe('keyedVariant', () => {
  it.each<[string, unknown]>([
    ['the first option', { type: 'activity' }],
    ['a later option', { type: 'answer', id: 3, outcome: 'b' }],
    ['the last option', { type: 'record', record: { n: 'x' } }],
    ['a bad field of the named option', { type: 'answer', id: '3', outcome: 'b' }],
    ['a bad nested field', { type: 'record', record: { n: 1 } }],
    ['an extra key', { type: 'activity', extra: 1 }],
    ['an unknown type', { type: 'eval' }],
    ['a type of another kind', { type: 7 }],
    ['no type', { id: 3 }],
    ['an inherited type', inherited],
    ['null', null],
    ['a string', 'activity'],
    ['an array', ['activity']],
  ])('%s: as v.variant', (_name, input) => {
    expect(outcome(keyed, input)).toEqual(outcome(whole, input));
  });

  it('reads the key of a hostile object once, and lets what its getter throws through (parseMessage catches it)', () => {
    let reads = 0;
    const hostile = {
      get type() {
        reads++;
        throw new Error('no');
      },
    };
    expect(() => v.safeParse(keyed, hostile)).toThrow('no');
    expect(reads).toBe(1);
  });
});
