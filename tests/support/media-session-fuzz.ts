/**
 * A seeded fuzzer of the MediaSession API as a page calls it. Runs inside the page (passed to
 * `page.evaluate`), so it is self-contained: everything it needs is declared inside
 * `fuzzMediaSession`.
 *
 * Each step makes a call with generated arguments (or two: `new MediaMetadata`, then setting
 * it), or reads every getter. Arguments: valid and invalid actions, hostile objects whose
 * `toString` / `valueOf` / `Symbol.toPrimitive` / getters / Proxy traps log themselves or throw,
 * Symbols, BigInts, huge strings and artwork lists, unsafe URLs... Each call logs what the page
 * can see: the value returned, or the exception (constructor and message, or which of the page's
 * own objects was thrown), every page callback that ran during the call, in order, and the
 * getters read after it. The same seed gives the same calls, so two runs (with and without the
 * extension) must produce identical logs: what is generated next depends only on the seed and on
 * what the page saw so far, so the runs make the same calls up to their first difference.
 *
 * Alongside, it keeps a model of what the page declared (handlers set, position state,
 * microphone / camera / screenshare), for comparing with the session the extension captured.
 */

/** What a fuzz run saw. */
export interface FuzzResult {
  seed: number;
  /** API calls made (constructors and setters included; getter reads not). */
  calls: number;
  /** One line per step: the call, its outcome, page callbacks run, getters read after. */
  log: string[];
  /** `"<operation>:<outcome>"` → count; outcome is `ok`, `page-thrown` or the error's constructor. */
  tally: Record<string, number>;
  /** Calls that threw, by constructor name (`page-thrown` for the page's own exceptions). */
  threw: Record<string, number>;
  /** Page callbacks (getters, toString, valueOf, traps...) that ran during the calls. */
  callbacks: number;
  /** Places where the page let queued microtasks and tasks run (each may carry one report). */
  yields: number;
  /** What the page declared at the end. */
  declared: Declared;
  /** Checkpoints reported to `window.fuzzCheckpoint`. */
  checkpoints: number;
}

/**
 * What the page has declared: a model kept from its successful calls (handlers, position state,
 * microphone / camera / screenshare), and what the getters say (`metadata`, `playbackState`).
 */
export interface Declared {
  /** Calls made so far. */
  calls: number;
  model: {
    /** Actions (as converted strings) whose handler is a function now, in no particular order. */
    handlers: string[];
    /** Last accepted position state, as numbers, and when (epoch ms); `null` when cleared. */
    position: { duration: number; playbackRate: number; position: number; at: number } | null;
    microphoneActive: boolean | null;
    cameraActive: boolean | null;
    screenshareActive: boolean | null;
  };
  /** The page's `metadata` and `playbackState`, read through the getters. */
  final: {
    playbackState: string;
    metadata: null | {
      title: FinalText;
      artist: FinalText;
      album: FinalText;
      artwork: FinalImage[];
      chapterInfo: { title: FinalText; startTime: number; artwork: FinalImage[] }[];
    };
  };
}
/** A string read from a getter: its first 4096 characters and its full length. */
export interface FinalText {
  head: string;
  length: number;
}
/** An artwork entry read from a getter. `src` longer than 200,000 characters becomes a marker. */
export interface FinalImage {
  src: string;
  sizes: FinalText;
  type: FinalText;
}

/**
 * Runs `steps` seeded calls against `navigator.mediaSession`. Every `checkpointEvery` steps, if
 * the page has a `window.fuzzCheckpoint` function (exposed by the test), awaits it with what the
 * page declared so far.
 */
export async function fuzzMediaSession(options: {
  seed: number;
  steps: number;
  checkpointEvery: number;
  /** Every `MediaSessionAction` value (`MEDIA_SESSION_ACTIONS`; this runs in the page, so it is passed in). */
  actions: readonly string[];
}): Promise<FuzzResult> {
  const { seed, steps, checkpointEvery, actions } = options;
  /** `chapterInfo` is not in TypeScript's DOM types yet. */
  type WithChapters = MediaMetadata & {
    chapterInfo: readonly { title: string; startTime: number; artwork: readonly MediaImage[] }[];
  };
  const ms = navigator.mediaSession;

  // ---- deterministic randomness (mulberry32) ----
  let rngState = seed >>> 0;
  const random = (): number => {
    rngState = (rngState + 0x6d2b79f5) >>> 0;
    let t = rngState;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(random() * n);
  const chance = (p: number): boolean => random() < p;
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;

  // ---- what the page sees ----
  const trace: string[] = [];
  let callbacks = 0;
  const note = (what: string): void => {
    callbacks++;
    trace.push(what);
  };
  let nextId = 1;
  const newId = (prefix: string): string => `${prefix}${nextId++}`;
  /** Objects of ours the page may get back (metadata, thrown values): described by id. */
  const known = new Map<unknown, string>();

  const hash = (s: string): string => {
    let h = 2166136261;
    const step = s.length > 65_536 ? Math.floor(s.length / 4096) : 1;
    for (let i = 0; i < s.length; i += step) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    return (h >>> 0).toString(36);
  };
  const str = (s: string): string =>
    typeof s !== 'string'
      ? `(${typeof s})` // a member Firefox's objects lack, or have in another shape
      : s.length <= 400
        ? JSON.stringify(s)
        : `str[${s.length}]${JSON.stringify(s.slice(0, 32))}…${JSON.stringify(s.slice(-16))}#${hash(s)}`;
  const describe = (v: unknown): string => {
    if (known.has(v)) return known.get(v) as string;
    if (v === undefined) return 'undefined';
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return str(v);
      case 'number':
        return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint':
        return `${v}n`;
      case 'boolean':
        return String(v);
      case 'symbol':
        return `Symbol(${str(v.description ?? '')})`;
      case 'function':
        return 'function';
      default:
        // Only the engine's own objects get here (ours are all `known`): no page code runs.
        return Object.prototype.toString.call(v);
    }
  };
  const describeError = (e: unknown): { text: string; kind: string } => {
    if (known.has(e)) return { text: `page-thrown ${known.get(e)}`, kind: 'page-thrown' };
    if (e instanceof Error) {
      const name = e.constructor.name;
      return { text: `${name}: ${str(e.message)}`, kind: name };
    }
    return { text: `non-error ${describe(e)}`, kind: 'non-error' };
  };
  const pageError = (): unknown => {
    const r = int(4);
    const e =
      r === 0
        ? new TypeError('page TypeError')
        : r === 1
          ? new RangeError('page RangeError')
          : r === 2
            ? { thrown: 'plain object' }
            : new DOMException('page DOMException', 'DataError');
    known.set(e, newId('E'));
    return e;
  };

  // ---- generated values ----
  const HUGE = 'h'.repeat(1 << 20); // 1 MiB, shared: strings are immutable
  const DATA_HUGE = `data:image/png;base64,${'A'.repeat(1 << 20)}`;
  const ACTIONS = actions;
  const GARBAGE_STRINGS = [
    '',
    'PLAY',
    'play ',
    ' play',
    'play\u0000',
    'skipAd',
    'seekTo',
    'bogus',
    'requestpictureinpicture',
    '__proto__',
    'constructor',
    'toString',
    'pl\u0430y', // Cyrillic a
    '\ud800',
    '☃',
    '0',
  ];
  const NUMBERS = [
    0,
    -0,
    1,
    2.5,
    30,
    100,
    599.9,
    -1,
    -0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1e9,
    1e9 + 1,
    1e12,
    1e300,
    -1e300,
    5e-324,
    64,
    65,
    -64,
    -65,
    0.001,
  ];

  /** A value and how it converts: `string` / `number` hints give a primitive, or fail. */
  interface Conv {
    v: unknown;
    label: string;
    /** ToString result, or `null` when conversion throws (page or engine). */
    asString: string | null;
    /** ToNumber result, or `null` when conversion throws. */
    asNumber: number | null;
  }
  const FAIL = null;
  const toStr = (p: unknown): string | null => (typeof p === 'symbol' ? FAIL : String(p));
  const toNum = (p: unknown): number | null =>
    typeof p === 'symbol' || typeof p === 'bigint' ? FAIL : Number(p);
  const prim = (p: unknown, label = describe(p)): Conv => ({
    v: p,
    label,
    asString: toStr(p),
    asNumber: toNum(p),
  });

  /** Wraps primitive `p` (and `q`, where the hint decides) in a hostile object. */
  const hostile = (p: unknown, q: unknown): Conv => {
    const id = newId('o');
    switch (int(14)) {
      case 0:
        return {
          v: {
            toString() {
              note(`${id}.toString`);
              return p;
            },
          },
          label: `${id}{toString→${describe(p)}}`,
          asString: toStr(p),
          asNumber: toNum(p),
        };
      case 1:
        return {
          v: {
            valueOf() {
              note(`${id}.valueOf`);
              return p;
            },
            toString() {
              note(`${id}.toString`);
              return q;
            },
          },
          label: `${id}{valueOf→${describe(p)},toString→${describe(q)}}`,
          asString: toStr(q),
          asNumber: toNum(p),
        };
      case 2:
        return {
          v: {
            [Symbol.toPrimitive](hint: string) {
              note(`${id}[@@toPrimitive](${hint})`);
              return p;
            },
          },
          label: `${id}{@@toPrimitive→${describe(p)}}`,
          asString: toStr(p),
          asNumber: toNum(p),
        };
      case 3:
        return {
          v: {
            toString() {
              note(`${id}.toString`);
              return {};
            },
            valueOf() {
              note(`${id}.valueOf`);
              return p;
            },
          },
          label: `${id}{toString→{},valueOf→${describe(p)}}`,
          asString: toStr(p),
          asNumber: toNum(p),
        };
      case 4: {
        const e = pageError();
        return {
          v: {
            toString() {
              note(`${id}.toString`);
              throw e;
            },
          },
          label: `${id}{toString throws ${known.get(e)}}`,
          asString: FAIL,
          asNumber: FAIL,
        };
      }
      case 5: {
        const e = pageError();
        return {
          v: {
            valueOf() {
              note(`${id}.valueOf`);
              throw e;
            },
            toString() {
              note(`${id}.toString`);
              return q;
            },
          },
          label: `${id}{valueOf throws ${known.get(e)},toString→${describe(q)}}`,
          asString: toStr(q),
          asNumber: FAIL,
        };
      }
      case 6:
        return {
          v: {
            get toString() {
              note(`${id}.get toString`);
              return () => {
                note(`${id}.toString()`);
                return p;
              };
            },
          },
          label: `${id}{get toString→()→${describe(p)}}`,
          asString: toStr(p),
          asNumber: toNum(p),
        };
      case 7:
        return {
          v: Object.create(null),
          label: `${id}{null prototype}`,
          asString: FAIL,
          asNumber: FAIL,
        };
      case 8:
        return {
          v: {
            [Symbol.toPrimitive]() {
              note(`${id}[@@toPrimitive]`);
              return {};
            },
          },
          label: `${id}{@@toPrimitive→{}}`,
          asString: FAIL,
          asNumber: FAIL,
        };
      case 9: {
        // A non-callable Symbol.toPrimitive, on a plain object, a class instance or a function.
        const exotic = pick([5, 'x', {}, true]);
        const r = int(3);
        const v =
          r === 0
            ? {}
            : r === 1
              ? new (class Track {})()
              : function player() {
                  return 0;
                };
        Object.defineProperty(v, Symbol.toPrimitive, { value: exotic });
        return {
          v,
          label: `${id}{${['plain', 'Track', 'function'][r]} @@toPrimitive=${typeof exotic}}`,
          asString: FAIL,
          asNumber: FAIL,
        };
      }
      case 10:
        return {
          v: {
            valueOf() {
              note(`${id}.valueOf`);
              return Symbol('v');
            },
          },
          label: `${id}{valueOf→Symbol}`,
          asString: '[object Object]',
          asNumber: FAIL,
        };
      case 11: {
        const target = {
          toString() {
            note(`${id}.toString`);
            return p;
          },
        };
        const v = new Proxy(target, {
          get(t, key, receiver) {
            note(`${id}.get ${String(key)}`);
            return Reflect.get(t, key, receiver);
          },
        });
        return {
          v,
          label: `${id}Proxy{toString→${describe(p)}}`,
          asString: toStr(p),
          asNumber: toNum(p),
        };
      }
      case 12: {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return { v: proxy, label: `${id}{revoked Proxy}`, asString: FAIL, asNumber: FAIL };
      }
      default: {
        // `valueOf` is `document.all`: callable (it returns null), though typeof says 'undefined'.
        const v = {
          valueOf: document.all,
          toString() {
            note(`${id}.toString`);
            return q;
          },
        };
        return {
          v,
          label: `${id}{valueOf=document.all,toString→${describe(q)}}`,
          asString: toStr(q),
          asNumber: 0,
        };
      }
    }
  };

  const genString = (): string => {
    const r = int(20);
    if (r === 0) return HUGE;
    if (r === 1) return `${HUGE}${int(1000)}`;
    if (r < 5) return pick(GARBAGE_STRINGS);
    if (r < 8) return `Track ${int(100)} ☃ \ud83c\udfb5`;
    if (r < 10) return 'x'.repeat(int(2000));
    return pick(['Song', 'Artist', 'Album', 'Ünïcödé', '<b>bold</b>', 'a\nb', '']);
  };
  /** Anything that converts (or fails to) to a string: titles, artwork fields, playback state. */
  const genStringish = (base: () => string = genString): Conv => {
    const r = int(20);
    if (r < 13) return prim(base());
    if (r === 13) return prim(Symbol('s'));
    if (r === 14) return prim(pick([5, -0, null, undefined, true, 10n, Number.NaN]));
    if (r === 15) return prim(['play'], "['play']"); // Array.prototype.toString: join
    return hostile(base(), base());
  };
  const genNumber = (): number => (chance(0.6) ? pick(NUMBERS) : Math.round(random() * 6e5) / 1000);
  /** Anything that converts (or fails to) to a number: position state members, start times. */
  const genNumberish = (): Conv => {
    const r = int(20);
    if (r < 12) return prim(genNumber());
    if (r === 12) return prim(pick(['12', 'abc', '', ' 7 ', '0x10', '1e3']));
    if (r === 13) return prim(pick([null, true, false]));
    if (r === 14) return prim(pick([Symbol('n'), 3n]));
    if (r === 15) return { v: new Date(5000), label: 'Date(5000)', asString: null, asNumber: 5000 };
    return hostile(genNumber(), pick(['12', 'x', `${genNumber()}`]));
  };

  // ---- the model of what the page declared ----
  const handlers = new Set<string>();
  let position: Declared['model']['position'] = null;
  let microphoneActive: boolean | null = null;
  let cameraActive: boolean | null = null;
  let screenshareActive: boolean | null = null;

  // ---- one call: run, log, tally ----
  const log: string[] = [];
  const tally: Record<string, number> = {};
  const threw: Record<string, number> = {};
  let lastMetadata: MediaMetadata | null = null;
  const metadataIds = new WeakMap<object, string>();
  const readBrief = (): string => {
    const m = ms.metadata;
    const id = m === null ? 'null' : (metadataIds.get(m) ?? 'unknown');
    return `ps=${ms.playbackState} md=${id}`;
  };
  const finalText = (s: string): FinalText => ({ head: s.slice(0, 4096), length: s.length });
  // (`?? []`: Firefox 153's `ChapterInformation` has no `artwork`.)
  const readImages = (list: readonly MediaImage[]): FinalImage[] =>
    (list ?? []).map((image) => ({
      src: image.src.length > 200_000 ? `too-long:${image.src.length}` : image.src,
      sizes: finalText(image.sizes ?? ''),
      type: finalText(image.type ?? ''),
    }));
  const describeImages = (list: readonly MediaImage[]): string => {
    const one = (i: MediaImage | undefined) =>
      i ? `${str(i.src)} ${str(i.sizes ?? '')} ${str(i.type ?? '')}` : '-';
    if (!list) return 'none';
    return `${list.length}[${one(list[0])};${one(list[1])};${one(list.at(-1))}]`;
  };
  // Whether two reads of `artwork` give the same array (natively each read builds a new one).
  const sameTwice = (m: MediaMetadata): boolean => {
    const first = m.artwork;
    return first === m.artwork;
  };
  /** Every getter, in full (the artwork getter builds a new frozen array each time: not cheap). */
  const readAll = (): string => {
    const m = ms.metadata as WithChapters | null;
    let text = `${readBrief()} screenshare=${typeof (ms as { setScreenshareActive?: unknown }).setScreenshareActive}`;
    if (m) {
      // Firefox's MediaMetadata has no `chapterInfo`.
      const chapters = m.chapterInfo ?? [];
      const c0 = chapters[0];
      text +=
        ` title=${str(m.title)} artist=${str(m.artist)} album=${str(m.album)}` +
        ` artwork=${describeImages(m.artwork)} chapters=${chapters.length}` +
        (c0 ? `[${str(c0.title)} ${c0.startTime} ${describeImages(c0.artwork)}]` : '') +
        ` frozen=${Object.isFrozen(m.artwork)} same=${sameTwice(m)}`;
    }
    return text;
  };

  let calls = 0;
  const attempt = (op: string, label: string, call: () => unknown): boolean => {
    calls++;
    trace.length = 0;
    let outcome: string;
    let kind: string;
    let ok = false;
    try {
      const value = call();
      outcome = `→ ${describe(value)}`;
      kind = 'ok';
      ok = true;
    } catch (error) {
      const e = describeError(error);
      outcome = `threw ${e.text}`;
      kind = e.kind;
      threw[kind] = (threw[kind] ?? 0) + 1;
    }
    const key = `${op}:${kind}`;
    tally[key] = (tally[key] ?? 0) + 1;
    log.push(`${log.length} ${op}(${label}) ${outcome} | ${trace.join(',')} | ${readBrief()}`);
    return ok;
  };

  // ---- the operations ----
  const genAction = (): Conv => {
    const r = int(20);
    if (r < 11) return prim(pick(ACTIONS));
    if (r < 14) return prim(chance(0.05) ? HUGE : pick(GARBAGE_STRINGS));
    if (r === 14) return prim(Symbol('play'));
    if (r === 15) return prim(pick([0, 1.5, null, undefined, true, 7n, Number.NaN]));
    if (r === 16) return prim(['pause'], "['pause']");
    return hostile(pick(ACTIONS), chance(0.5) ? pick(ACTIONS) : pick(GARBAGE_STRINGS));
  };
  class NotAFunction {}
  const genHandler = (): { v: unknown; label: string } => {
    const r = int(20);
    if (r < 10) return { v: () => note('handler ran'), label: 'fn' };
    if (r < 13) return { v: null, label: 'null' };
    if (r < 15) return { v: undefined, label: 'undefined' };
    if (r === 15) return { v: pick([5, 'play', true, {}, [], Symbol('h')]), label: 'non-callable' };
    if (r === 16) return { v: NotAFunction, label: 'class' };
    if (r === 17) return { v: new Proxy(() => {}, {}), label: 'Proxy(fn)' };
    if (r === 18) return { v: { call() {}, apply() {} }, label: '{call,apply}' };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return { v: proxy, label: 'revoked Proxy' };
  };

  const opSetActionHandler = (): void => {
    const action = genAction();
    const handler = genHandler();
    const shape = int(20);
    if (shape === 0) {
      attempt('setActionHandler', `${action.label}`, () =>
        (ms.setActionHandler as (a: unknown) => void)(action.v),
      );
    } else if (shape === 1) {
      attempt('setActionHandler', '', () => (ms.setActionHandler as () => void)());
    } else if (shape === 2) {
      attempt('setActionHandler', `this={}, ${action.label}, ${handler.label}`, () =>
        Reflect.apply(ms.setActionHandler, {}, [action.v, handler.v]),
      );
    } else {
      const extra = shape === 3 ? [pick([1, 'x', null])] : [];
      const ok = attempt(
        'setActionHandler',
        `${action.label}, ${handler.label}${extra.length ? ', extra' : ''}`,
        () => Reflect.apply(ms.setActionHandler, ms, [action.v, handler.v, ...extra]),
      );
      if (ok && action.asString !== null) {
        if (typeof handler.v === 'function') handlers.add(action.asString);
        else handlers.delete(action.asString);
      }
    }
  };

  const MEMBERS = ['duration', 'playbackRate', 'position'] as const;
  type Member = (typeof MEMBERS)[number];
  const opSetPositionState = (): void => {
    const r = int(20);
    if (r === 0) {
      const ok = attempt('setPositionState', '', () =>
        (ms.setPositionState as () => void).call(ms),
      );
      if (ok) position = null;
      return;
    }
    if (r === 1) {
      const v = pick([undefined, null]);
      const ok = attempt('setPositionState', describe(v), () => ms.setPositionState(v as never));
      if (ok) position = null;
      return;
    }
    if (r === 2) {
      const v = pick([5, 'duration', true, Symbol('d'), 4n]);
      attempt('setPositionState', describe(v), () => ms.setPositionState(v as never));
      return;
    }
    if (r === 3) {
      attempt('setPositionState', 'this={}', () =>
        Reflect.apply(ms.setPositionState, {}, [{ duration: 1 }]),
      );
      return;
    }
    if (r === 4) {
      // document.all as the dictionary: an object with none of the members (an empty dictionary).
      const ok = attempt('setPositionState', 'document.all', () =>
        ms.setPositionState(document.all as never),
      );
      if (ok) position = null;
      return;
    }
    if (r === 5) {
      const { proxy, revoke } = Proxy.revocable({ duration: 1 }, {});
      revoke();
      attempt('setPositionState', 'revoked Proxy', () => ms.setPositionState(proxy as never));
      return;
    }
    // A dictionary: each member absent, a plain or hostile value, or behind a getter; the whole
    // possibly a Proxy, a function or an object inheriting its members.
    const id = newId('d');
    const values: Partial<Record<Member, Conv>> = {};
    const coherent = chance(0.4);
    const coherentDuration = Math.round(random() * 600_000) / 1000 + 1;
    for (const member of MEMBERS) {
      if (coherent) {
        values[member] = prim(
          member === 'duration'
            ? coherentDuration
            : member === 'position'
              ? Math.round(random() * coherentDuration * 100) / 100
              : pick([1, 1, 2, 0.5, -1]),
        );
      } else if (!chance(0.35)) {
        values[member] = genNumberish();
      }
    }
    const container = int(10);
    const dict: Record<string, unknown> =
      container === 0
        ? Object.assign(() => {}, {})
        : container === 1
          ? Object.create({})
          : container === 2
            ? JSON.parse('{"__proto__": {"polluted": 1}, "constructor": 5}')
            : {};
    const parts: string[] = [];
    for (const member of MEMBERS) {
      const value = values[member];
      if (!value) continue;
      const how = int(6);
      if (how === 0) {
        Object.defineProperty(dict, member, {
          enumerable: true,
          configurable: true,
          get() {
            note(`${id}.get ${member}`);
            return value.v;
          },
        });
        parts.push(`get ${member}:${value.label}`);
      } else if (how === 1 && container === 1) {
        Object.defineProperty(Object.getPrototypeOf(dict), member, {
          configurable: true,
          get() {
            note(`${id}.proto get ${member}`);
            return value.v;
          },
        });
        parts.push(`inherited ${member}:${value.label}`);
      } else {
        dict[member] = value.v;
        parts.push(`${member}:${value.label}`);
      }
    }
    // A getter that throws, after the members it concerns.
    let throwsAt: Member | null = null;
    if (chance(0.08)) {
      throwsAt = pick(MEMBERS);
      const e = pageError();
      Object.defineProperty(dict, throwsAt, {
        configurable: true,
        get() {
          note(`${id}.get ${throwsAt} throws`);
          throw e;
        },
      });
      parts.push(`get ${throwsAt} throws ${known.get(e)}`);
    }
    let arg: unknown = dict;
    if (chance(0.15)) {
      arg = new Proxy(dict, {
        get(t, key, receiver) {
          note(`${id}.proxy get ${String(key)}`);
          return Reflect.get(t, key, receiver);
        },
        has(t, key) {
          note(`${id}.proxy has ${String(key)}`);
          return Reflect.has(t, key);
        },
        ownKeys(t) {
          note(`${id}.proxy ownKeys`);
          return Reflect.ownKeys(t);
        },
        getOwnPropertyDescriptor(t, key) {
          note(`${id}.proxy gOPD ${String(key)}`);
          return Reflect.getOwnPropertyDescriptor(t, key);
        },
      });
      parts.push('as Proxy');
    }
    const kind = ['function', 'inheriting', '__proto__ key'][container] ?? 'object';
    const ok = attempt('setPositionState', `${id}:${kind}{${parts.join(', ')}}`, () =>
      ms.setPositionState(arg as MediaPositionState),
    );
    if (ok && throwsAt === null) {
      const n = (m: Member): number | undefined => {
        const c = values[m];
        return c ? (c.asNumber as number) : undefined;
      };
      const duration = n('duration');
      position =
        duration === undefined
          ? null
          : {
              duration,
              playbackRate: n('playbackRate') ?? 1,
              position: n('position') ?? 0,
              at: Date.now(),
            };
    }
  };

  const genSrc = (): unknown => {
    const r = int(30);
    if (r === 0) return DATA_HUGE;
    if (r === 1) return `https://cdn.fuzz.test/${'p'.repeat(3000)}.png`;
    if (r < 6) return `https://cdn.fuzz.test/cover-${int(50)}.png`;
    if (r < 8) return `cover-${int(9)}.png`;
    return pick([
      'http://plain.test/a.png',
      '../up/a b.png',
      '/abs?x=1#frag',
      '//other.test/protocol-relative.png',
      'data:image/png;base64,iVBORw0KGgo=',
      'data:image/svg+xml,<svg></svg>',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'blob:https://fuzz.test/9f1c2d3e-0000-4000-8000-000000000000',
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop/x.png',
      'chrome://settings',
      'file:///etc/passwd',
      'http://[::1',
      'https://',
      '',
      ' https://trim.test/a.png ',
      'HTTPS://UPPER.TEST/A.PNG',
      'https://user:pass@cred.test/a.png',
      'https://bücher.test/ü.png',
      'ftp://old.test/a.png',
      'about:blank',
      'https://fuzz.test/\ud800.png',
    ]);
  };
  const genImage = (): { v: unknown; label: string } => {
    const r = int(30);
    if (r === 0) return { v: null, label: 'null' };
    if (r === 1) return { v: {}, label: '{}' };
    if (r === 2) {
      const id = newId('i');
      return {
        v: {
          get src() {
            note(`${id}.get src`);
            return 'https://cdn.fuzz.test/getter.png';
          },
        },
        label: `${id}{get src}`,
      };
    }
    if (r === 3) {
      const e = pageError();
      return {
        v: {
          get src(): string {
            throw e;
          },
        },
        label: `{get src throws ${known.get(e)}}`,
      };
    }
    if (r === 4) {
      return {
        v: JSON.parse(
          '{"__proto__": {"src": "https://evil.test/proto.png"}, "constructor": {"prototype": 1}, "src": "https://cdn.fuzz.test/own.png"}',
        ),
        label: '{__proto__,constructor,src}',
      };
    }
    const image: Record<string, unknown> = {};
    const src = r === 5 ? genStringish(() => `${genSrc()}`) : prim(genSrc(), 'src');
    image.src = src.v;
    let label = `src:${src.label === 'src' ? describe(src.v) : src.label}`;
    if (chance(0.5)) {
      const sizes = genStringish(() => pick(['96x96', '512x512', 'any', '', HUGE]));
      image.sizes = sizes.v;
      label += ` sizes:${sizes.label}`;
    }
    if (chance(0.5)) {
      const type = genStringish(() => pick(['image/png', 'text/html', '', 'x'.repeat(600)]));
      image.type = type.v;
      label += ` type:${type.label}`;
    }
    return { v: image, label: `{${label}}` };
  };
  const genArtwork = (): { v: unknown; label: string } => {
    const r = int(20);
    if (r === 0) {
      // Thousands of images: all safe, or all unsafe but for the last.
      const count = 2000 + int(3000);
      const safe = chance(0.5);
      const list = Array.from({ length: count }, (_, i) => ({
        src: safe || i === count - 1 ? `https://cdn.fuzz.test/${i}.png` : `javascript:${i}`,
      }));
      return { v: list, label: `${count} images${safe ? '' : ' (last safe)'}` };
    }
    if (r === 1) return { v: pick([5, null, 'abc', {}]), label: 'not a sequence' };
    if (r === 2) {
      const id = newId('it');
      return {
        v: {
          *[Symbol.iterator]() {
            note(`${id}.iterate`);
            yield { src: 'https://cdn.fuzz.test/iterated.png' };
          },
        },
        label: `${id}{iterator}`,
      };
    }
    const list: unknown[] = [];
    const labels: string[] = [];
    for (let i = int(5); i > 0; i--) {
      const image = genImage();
      list.push(image.v);
      labels.push(image.label);
    }
    return { v: list, label: `[${labels.join('; ')}]` };
  };
  const genChapters = (): { v: unknown; label: string } => {
    if (chance(0.1)) return { v: pick([5, null]), label: 'not a sequence' };
    const list: unknown[] = [];
    const labels: string[] = [];
    for (let i = int(chance(0.05) ? 80 : 4); i > 0; i--) {
      // Chromium 156 itself crashes the renderer (no extension needed) once a page sets as the
      // session's metadata one with a chapter starting before -1 µs (`startTime: -1`): a page can
      // only crash itself that way, and the fuzz would stop there, so chapters start at 0 or later.
      let start = chance(0.2) ? genNumberish() : prim(int(600));
      if (start.asNumber !== null && start.asNumber < 0) start = prim(int(600));
      const title = genStringish();
      const chapter: Record<string, unknown> = { title: title.v, startTime: start.v };
      let label = `title:${title.label} start:${start.label}`;
      if (chance(0.3)) {
        const art = genArtwork();
        chapter.artwork = art.v;
        label += ` artwork:${art.label}`;
      }
      list.push(chapter);
      labels.push(`{${label}}`);
    }
    return {
      v: list,
      label: `[${labels.length > 8 ? `${labels.length} chapters` : labels.join('; ')}]`,
    };
  };
  const genInit = (): { v: unknown; label: string } => {
    const r = int(20);
    if (r === 0) return { v: undefined, label: 'undefined' };
    if (r === 1) return { v: pick([5, 'title', null, true]), label: 'non-dictionary' };
    const init: Record<string, unknown> =
      r === 2 ? JSON.parse('{"__proto__": {"title": "from proto"}, "constructor": 1}') : {};
    const labels: string[] = r === 2 ? ['__proto__,constructor'] : [];
    const id = newId('init');
    for (const field of ['title', 'artist', 'album'] as const) {
      if (chance(0.25)) continue;
      const value = genStringish();
      if (chance(0.1)) {
        Object.defineProperty(init, field, {
          enumerable: true,
          configurable: true,
          get() {
            note(`${id}.get ${field}`);
            return value.v;
          },
        });
        labels.push(`get ${field}:${value.label}`);
      } else {
        init[field] = value.v;
        labels.push(`${field}:${value.label}`);
      }
    }
    if (chance(0.7)) {
      const art = genArtwork();
      init.artwork = art.v;
      labels.push(`artwork:${art.label}`);
    }
    if (chance(0.2)) {
      const chapters = genChapters();
      init.chapterInfo = chapters.v;
      labels.push(`chapterInfo:${chapters.label}`);
    }
    if (chance(0.05)) {
      const e = pageError();
      Object.defineProperty(init, pick(['album', 'title', 'artwork']), {
        configurable: true,
        get() {
          note(`${id}.get throws`);
          throw e;
        },
      });
      labels.push(`getter throws ${known.get(e)}`);
    }
    if (chance(0.08)) {
      return {
        v: new Proxy(init, {
          get(t, key, receiver) {
            note(`${id}.proxy get ${String(key)}`);
            return Reflect.get(t, key, receiver);
          },
        }),
        label: `${id}Proxy{${labels.join(', ')}}`,
      };
    }
    return { v: init, label: `${id}{${labels.join(', ')}}` };
  };
  const newMetadata = (): MediaMetadata | null => {
    const init = genInit();
    let made: MediaMetadata | null = null;
    attempt('new MediaMetadata', init.label, () => {
      made = new MediaMetadata(init.v as MediaMetadataInit);
      const id = newId('M');
      metadataIds.set(made, id);
      known.set(made, id);
      return made;
    });
    return made;
  };

  const opSetMetadata = (): void => {
    const r = int(20);
    let value: unknown;
    if (r < 13) {
      const made = newMetadata();
      if (!made) return;
      value = made;
    } else if (r < 15) {
      value = null;
    } else if (r === 15) {
      value = undefined;
    } else if (r === 16) {
      value = lastMetadata; // the current one again, or null
    } else if (r === 17) {
      value = Object.create(MediaMetadata.prototype); // looks like one, is not
    } else {
      value = pick([{ title: 'plain object' }, 'title', 5, Symbol('m')]);
    }
    const label = describe(value);
    const ok = attempt('metadata=', label, () => {
      (ms as { metadata: unknown }).metadata = value;
    });
    if (ok) lastMetadata = ms.metadata;
  };

  const opMetadataSetter = (): void => {
    const field = pick(['title', 'artist', 'album', 'artwork', 'chapterInfo'] as const);
    // Mostly the current metadata; sometimes an older one, or the wrong receiver.
    const r = int(10);
    const target: unknown =
      r < 7 ? ms.metadata : r < 9 ? newMetadataQuiet() : pick([{}, MediaMetadata.prototype]);
    if (!target) return;
    const value =
      field === 'artwork' ? genArtwork() : field === 'chapterInfo' ? genChapters() : genStringish();
    const setter = Object.getOwnPropertyDescriptor(MediaMetadata.prototype, field)?.set;
    attempt(`${field}=`, `${describe(target)}, ${value.label}`, () => {
      if (setter) return Reflect.apply(setter, target, [value.v]);
      // chapterInfo has no setter: a plain assignment (sloppy: ignored; strict: TypeError).
      (target as Record<string, unknown>)[field] = value.v;
      return undefined;
    });
  };
  const newMetadataQuiet = (): MediaMetadata => {
    const m = new MediaMetadata({ title: 'spare' });
    const id = newId('M');
    metadataIds.set(m, id);
    known.set(m, id);
    return m;
  };

  const opPlaybackState = (): void => {
    const value = genStringish(() =>
      pick(['none', 'paused', 'playing', 'playing', 'PLAYING', 'stopped', '', 'buffering']),
    );
    const setter = Object.getOwnPropertyDescriptor(MediaSession.prototype, 'playbackState')?.set;
    const wrongThis = chance(0.05);
    attempt('playbackState=', `${wrongThis ? 'this={}, ' : ''}${value.label}`, () =>
      Reflect.apply(setter as () => void, wrongThis ? {} : ms, [value.v]),
    );
  };

  const opFlag = (): void => {
    const name = pick(['setMicrophoneActive', 'setCameraActive', 'setScreenshareActive'] as const);
    const method = (ms as unknown as Record<string, unknown>)[name];
    if (typeof method !== 'function') {
      log.push(`${log.length} ${name} absent | ${readBrief()}`);
      tally[`${name}:absent`] = (tally[`${name}:absent`] ?? 0) + 1;
      return;
    }
    const r = int(12);
    const args: unknown[] =
      r === 0
        ? []
        : [
            pick([
              true,
              false,
              0,
              1,
              '',
              'false',
              null,
              undefined,
              {},
              Symbol('f'),
              0n,
              document.all,
              Number.NaN,
            ]),
          ];
    const wrongThis = r === 1;
    const ok = attempt(
      name,
      `${wrongThis ? 'this={}, ' : ''}${args.length ? describe(args[0]) : ''}`,
      () => Reflect.apply(method, wrongThis ? {} : ms, args),
    );
    if (ok && !wrongThis && args.length > 0) {
      if (name === 'setMicrophoneActive') microphoneActive = !!args[0];
      else if (name === 'setCameraActive') cameraActive = !!args[0];
      else screenshareActive = !!args[0];
    }
  };

  const opRead = (): void => {
    log.push(`${log.length} read ${readAll()}`);
  };

  const declared = (): Declared => {
    const m = ms.metadata as WithChapters | null;
    return {
      calls,
      model: {
        handlers: [...handlers],
        position,
        microphoneActive,
        cameraActive,
        screenshareActive,
      },
      final: {
        playbackState: ms.playbackState,
        metadata: m
          ? {
              title: finalText(m.title),
              artist: finalText(m.artist),
              album: finalText(m.album),
              artwork: readImages(m.artwork),
              chapterInfo: (m.chapterInfo ?? []).map((c) => ({
                title: finalText(c.title),
                startTime: c.startTime,
                artwork: readImages(c.artwork),
              })),
            }
          : null,
      },
    };
  };

  // ---- the run ----
  const checkpoint = (window as { fuzzCheckpoint?: (declared: Declared) => Promise<void> })
    .fuzzCheckpoint;
  let checkpoints = 0;
  let yields = 0;
  for (let step = 0; step < steps; step++) {
    const r = random();
    if (r < 0.26) opSetActionHandler();
    else if (r < 0.5) opSetPositionState();
    else if (r < 0.63) opSetMetadata();
    else if (r < 0.73) opMetadataSetter();
    else if (r < 0.81) opPlaybackState();
    else if (r < 0.9) opFlag();
    else opRead();
    // Let the extension's microtask (its report) run at random points, and tasks now and then.
    if (chance(0.05)) {
      yields++;
      await null;
    }
    if (step % 250 === 249) {
      yields++;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (checkpoint && step % checkpointEvery === checkpointEvery - 1) {
      yields++;
      checkpoints++;
      await checkpoint(declared());
    }
  }
  log.push(`final ${readAll()}`);
  return {
    seed,
    calls,
    log,
    tally,
    threw,
    callbacks,
    yields,
    declared: declared(),
    checkpoints,
  };
}
