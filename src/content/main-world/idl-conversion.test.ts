import { describe, expect, it } from 'vitest';
import {
  isCallable,
  isObject,
  isRevokedProxy,
  toNumberOnce,
  toPrimitiveOnce,
  toStringOnce,
} from './idl-conversion';

/** One value to convert, made fresh for each run; `log` records the page code it runs. */
type Factory = (log: string[]) => unknown;

/**
 * Values whose conversion fails inside a function the engine calls (here the array's own
 * `toString`, which meets a Symbol): natively such an error reaches the page as it is, so the
 * helpers throw it too. Every other engine failure must come back as a stand-in instead, for the
 * native method to throw in its own words (Blink prefixes those; Node, where this runs, does not,
 * so the message alone could not tell a stand-in from a direct throw).
 */
const THROWS_INSIDE_A_FUNCTION = new Set(['an array holding a Symbol']);

const thrown = new RangeError('thrown by the page');

const CASES: [string, Factory][] = [
  ['a number', () => 5],
  ['a numeric string', () => ' 7 '],
  ['an empty string', () => ''],
  ['null', () => null],
  ['undefined', () => undefined],
  ['true', () => true],
  ['NaN', () => Number.NaN],
  ['a Symbol', () => Symbol('s')],
  ['a BigInt', () => 10n],
  [
    'valueOf',
    (log) => ({
      valueOf: () => {
        log.push('valueOf');
        return 3;
      },
    }),
  ],
  [
    'toString',
    (log) => ({
      toString: () => {
        log.push('toString');
        return '4';
      },
    }),
  ],
  [
    'valueOf and toString, each giving something else',
    (log) => ({
      valueOf: () => {
        log.push('valueOf');
        return 1;
      },
      toString: () => {
        log.push('toString');
        return 'two';
      },
    }),
  ],
  [
    'valueOf giving an object, then toString',
    (log) => ({
      valueOf: () => {
        log.push('valueOf');
        return {};
      },
      toString: () => {
        log.push('toString');
        return '5';
      },
    }),
  ],
  [
    'Symbol.toPrimitive, told the hint',
    (log) => ({
      [Symbol.toPrimitive]: (hint: string) => {
        log.push(`toPrimitive ${hint}`);
        return hint === 'number' ? 1 : 'x';
      },
    }),
  ],
  [
    'Symbol.toPrimitive giving an object',
    (log) => ({
      [Symbol.toPrimitive]: () => {
        log.push('toPrimitive');
        return {};
      },
    }),
  ],
  ['a non-callable Symbol.toPrimitive', () => ({ [Symbol.toPrimitive]: 5 })],
  [
    'a non-callable Symbol.toPrimitive on a class instance',
    () => Object.defineProperty(new (class Track {})(), Symbol.toPrimitive, { value: 'x' }),
  ],
  [
    'a non-callable Symbol.toPrimitive on a function',
    () => Object.defineProperty(() => 0, Symbol.toPrimitive, { value: {} }),
  ],
  ['a null-prototype object', () => Object.create(null)],
  [
    'valueOf giving a Symbol',
    (log) => ({
      valueOf: () => {
        log.push('valueOf');
        return Symbol('v');
      },
    }),
  ],
  [
    'valueOf giving a BigInt',
    (log) => ({
      valueOf: () => {
        log.push('valueOf');
        return 2n;
      },
    }),
  ],
  [
    'valueOf throwing',
    (log) => ({
      valueOf: () => {
        log.push('valueOf');
        throw thrown;
      },
      toString: () => {
        log.push('toString');
        return '6';
      },
    }),
  ],
  [
    'a getter of Symbol.toPrimitive throwing',
    (log) => ({
      get [Symbol.toPrimitive]() {
        log.push('get toPrimitive');
        throw thrown;
      },
    }),
  ],
  [
    'a Proxy logging its traps',
    (log) =>
      new Proxy(
        {
          valueOf: () => 2,
          toString: () => '2',
        },
        {
          get(target, key, receiver) {
            log.push(`get ${String(key)}`);
            return Reflect.get(target, key, receiver);
          },
        },
      ),
  ],
  [
    'a revoked Proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    },
  ],
  ['an array', () => [3]],
  ['an array holding a Symbol', () => [Symbol('in array')]],
  ['a Date', () => new Date(5000)],
];

type Outcome =
  | { value: unknown; log: string[] }
  | { threw: unknown; message: string | null; log: string[]; via?: 'throw' | 'stand-in' };

/** What the engine itself does: `engine(value)` is `+value` or `${value}`. */
function native(factory: Factory, engine: (v: unknown) => unknown): Outcome {
  const log: string[] = [];
  const value = factory(log);
  try {
    return { value: engine(value), log };
  } catch (error) {
    return { threw: error, message: (error as Error).message ?? null, log };
  }
}

/** What the helper does: converts once, and if it gives a stand-in, the engine converts that. */
function emulated(
  factory: Factory,
  convert: (v: unknown) => { ok: true; value: unknown } | { ok: false; standIn: unknown },
  engine: (v: unknown) => unknown,
): Outcome {
  const log: string[] = [];
  const value = factory(log);
  let converted: ReturnType<typeof convert>;
  try {
    converted = convert(value);
  } catch (error) {
    return { threw: error, message: (error as Error).message ?? null, log, via: 'throw' };
  }
  if (converted.ok) return { value: converted.value, log };
  const before = log.length;
  try {
    engine(converted.standIn);
  } catch (error) {
    // The stand-in itself runs none of the page's code.
    expect(log.length).toBe(before);
    return { threw: error, message: (error as Error).message ?? null, log, via: 'stand-in' };
  }
  throw new Error('the stand-in converted without an error');
}

/**
 * Compares outcomes: same value, or same error (the page's own object, or the same message),
 * thrown by the helper only where the page's code threw it, else through a stand-in.
 */
function expectSame(name: string, actual: Outcome, expected: Outcome): void {
  expect(actual.log).toEqual(expected.log);
  if ('value' in expected) {
    expect(actual).toHaveProperty('value');
    expect(Object.is((actual as { value: unknown }).value, expected.value)).toBe(true);
    return;
  }
  expect(actual).toHaveProperty('threw');
  const error = (actual as { threw: unknown }).threw;
  const throwsItself = expected.threw === thrown || THROWS_INSIDE_A_FUNCTION.has(name);
  expect((actual as { via: string }).via).toBe(throwsItself ? 'throw' : 'stand-in');
  if (expected.threw === thrown) expect(error).toBe(thrown);
  else {
    expect((error as Error).constructor).toBe((expected.threw as Error).constructor);
    expect((actual as { message: string }).message).toBe(expected.message);
  }
}

describe('toNumberOnce', () => {
  it.each(CASES)('%s: converts like ToNumber, running page code as often', (name, factory) => {
    const engine = (v: unknown) => +(v as number);
    expectSame(name, emulated(factory, toNumberOnce, engine), native(factory, engine));
  });
});

describe('toStringOnce', () => {
  it.each(CASES)('%s: converts like ToString, running page code as often', (name, factory) => {
    const engine = (v: unknown) => `${v as string}`;
    expectSame(name, emulated(factory, toStringOnce, engine), native(factory, engine));
  });
});

describe('toPrimitiveOnce', () => {
  it('passes primitives through untouched', () => {
    const symbol = Symbol('p');
    for (const p of [1, 'a', null, undefined, true, 3n, symbol]) {
      expect(toPrimitiveOnce(p, 'number')).toEqual({ ok: true, value: p });
    }
  });

  it('tells the page the hint, as the engine does', () => {
    const hints: string[] = [];
    const value = {
      [Symbol.toPrimitive]: (hint: string) => {
        hints.push(hint);
        return 0;
      },
    };
    toPrimitiveOnce(value, 'number');
    toPrimitiveOnce(value, 'string');
    expect(hints).toEqual(['number', 'string']);
  });
});

describe('isRevokedProxy', () => {
  it('is true only for a revoked Proxy, and runs none of a live one’s traps', () => {
    const traps: string[] = [];
    const handler = new Proxy(
      {},
      {
        get(_, trap) {
          traps.push(String(trap));
          return undefined;
        },
      },
    );
    const live = new Proxy({}, handler);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(isRevokedProxy(live)).toBe(false);
    expect(isRevokedProxy({})).toBe(false);
    expect(isRevokedProxy(proxy)).toBe(true);
    expect(traps).toEqual([]);
  });
});

describe('isObject and isCallable', () => {
  it('follow the language, not typeof', () => {
    expect([{}, [], () => 0, new Proxy({}, {})].map(isObject)).toEqual([true, true, true, true]);
    expect([null, undefined, 0, '', Symbol('s'), 1n].map(isObject)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect([() => 0, class {}, new Proxy(() => 0, {})].map(isCallable)).toEqual([true, true, true]);
    expect([{}, null, undefined, 5].map(isCallable)).toEqual([false, false, false, false]);
  });
});
