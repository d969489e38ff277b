/**
 * A battery of observations of the page-visible MediaSession and media element APIs: return
 * values, exceptions (type and message), property descriptors, `toString`, and how often a page's
 * getters and `toString` are invoked. Runs inside a page (passed to `page.evaluate`), so it must
 * be self-contained. Issue #2 runs it with and without Media Deck and requires equal results.
 */
export function probeMediaSession(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ms = navigator.mediaSession;
  const attempt = (name: string, fn: () => unknown) => {
    try {
      const value = fn();
      out[name] = {
        returned:
          value === undefined
            ? 'undefined'
            : typeof value === 'object'
              ? Object.prototype.toString.call(value)
              : value,
      };
    } catch (error) {
      const e = error as Error;
      out[name] = { threw: `${e?.constructor?.name}: ${e?.message}` };
    }
  };
  const describe = (obj: object, key: string) => {
    const d = Object.getOwnPropertyDescriptor(obj, key);
    if (!d) return null;
    const fn = (f: unknown) =>
      typeof f === 'function'
        ? {
            name: f.name,
            length: f.length,
            source: Function.prototype.toString.call(f),
            hasPrototype: 'prototype' in f,
          }
        : f === undefined
          ? 'undefined'
          : typeof f;
    return {
      value: fn(d.value),
      get: fn(d.get),
      set: fn(d.set),
      writable: d.writable,
      enumerable: d.enumerable,
      configurable: d.configurable,
    };
  };

  out.protoKeys = Object.getOwnPropertyNames(MediaSession.prototype);
  for (const key of out.protoKeys as string[])
    out[`desc.MediaSession.${key}`] = describe(MediaSession.prototype, key);
  for (const key of ['title', 'artist', 'album', 'artwork'])
    out[`desc.MediaMetadata.${key}`] = describe(MediaMetadata.prototype, key);
  for (const key of ['play', 'pause'])
    out[`desc.HTMLMediaElement.${key}`] = describe(HTMLMediaElement.prototype, key);
  out['desc.Function.toString'] = describe(Function.prototype, 'toString');
  out.toStringOfToString = Function.prototype.toString.toString();

  attempt('setActionHandler unknown action', () =>
    ms.setActionHandler('bogus' as MediaSessionAction, () => {}),
  );
  attempt('setActionHandler one argument', () =>
    (ms.setActionHandler as (a: string) => void)('play'),
  );
  attempt('setActionHandler no arguments', () => (ms.setActionHandler as () => void)());
  attempt('setActionHandler wrong receiver', () =>
    ms.setActionHandler.call({} as MediaSession, 'play', null),
  );
  attempt('setActionHandler non-callable', () => ms.setActionHandler('play', 5 as unknown as null));
  attempt('setActionHandler symbol', () =>
    ms.setActionHandler(Symbol('x') as unknown as MediaSessionAction, null),
  );
  attempt('setActionHandler valid', () => ms.setActionHandler('play', () => {}));
  attempt('setActionHandler null', () => ms.setActionHandler('play', null));
  attempt('setActionHandler undefined handler', () =>
    ms.setActionHandler('pause', undefined as unknown as null),
  );
  let toStringCalls = 0;
  attempt('setActionHandler object action', () =>
    ms.setActionHandler(
      {
        toString: () => {
          toStringCalls++;
          return 'seekto';
        },
      } as unknown as MediaSessionAction,
      () => {},
    ),
  );
  out.actionToStringCalls = toStringCalls;
  attempt(
    'new setActionHandler',
    () => new (ms.setActionHandler as unknown as new () => unknown)(),
  );

  const reads: string[] = [];
  const counting = {
    get duration() {
      reads.push('duration');
      return 30;
    },
    get playbackRate() {
      reads.push('playbackRate');
      return 1;
    },
    get position() {
      reads.push('position');
      return 3;
    },
  };
  attempt('setPositionState counting getters', () => ms.setPositionState(counting));
  out.positionReads = reads;
  attempt('setPositionState negative duration', () => ms.setPositionState({ duration: -1 }));
  attempt('setPositionState position past duration', () =>
    ms.setPositionState({ duration: 10, position: 20 }),
  );
  attempt('setPositionState NaN', () => ms.setPositionState({ duration: Number.NaN }));
  attempt('setPositionState zero rate', () =>
    ms.setPositionState({ duration: 10, playbackRate: 0 }),
  );
  attempt('setPositionState no duration', () => ms.setPositionState({ position: 1 }));
  attempt('setPositionState empty', () => ms.setPositionState({}));
  attempt('setPositionState undefined', () => ms.setPositionState(undefined));
  attempt('setPositionState number', () => ms.setPositionState(5 as unknown as MediaPositionState));
  attempt('setPositionState bigint', () =>
    ms.setPositionState({ duration: 1n as unknown as number }),
  );
  attempt('setPositionState throwing getter', () =>
    ms.setPositionState({
      get duration(): number {
        throw new RangeError('page getter');
      },
    }),
  );
  attempt('setPositionState wrong receiver', () =>
    ms.setPositionState.call({} as MediaSession, {}),
  );
  attempt('setPositionState Infinity', () =>
    ms.setPositionState({ duration: Number.POSITIVE_INFINITY, position: 5 }),
  );

  const metadata = new MediaMetadata({ title: 'T', artwork: [{ src: 'cover.png' }] });
  attempt('metadata set', () => {
    ms.metadata = metadata;
  });
  out.metadataSameObject = ms.metadata === metadata;
  out.artworkResolved = ms.metadata?.artwork[0]?.src;
  attempt('metadata set string', () => {
    (ms as unknown as { metadata: unknown }).metadata = 'x';
  });
  out.metadataAfterBadSet = ms.metadata === metadata;
  attempt('metadata title in place', () => {
    metadata.title = 'U';
  });
  out.titleAfter = ms.metadata?.title;
  attempt('metadata set null', () => {
    ms.metadata = null;
  });
  out.metadataAfterNull = ms.metadata;

  attempt('playbackState bogus', () => {
    (ms as unknown as { playbackState: string }).playbackState = 'bogus';
  });
  out.playbackStateAfterBogus = ms.playbackState;
  attempt('playbackState playing', () => {
    ms.playbackState = 'playing';
  });
  out.playbackStateAfter = ms.playbackState;

  const extra = ms as unknown as Record<string, (v: unknown) => unknown>;
  for (const name of ['setMicrophoneActive', 'setCameraActive', 'setScreenshareActive']) {
    if (typeof extra[name] === 'function') {
      attempt(`${name} true`, () => extra[name]?.call(ms, true));
      attempt(`${name} none`, () => (extra[name] as () => unknown).call(ms));
    }
  }
  attempt('play() on a detached element returns', () => {
    const p = new Audio().play();
    p.catch(() => {});
    return p;
  });
  attempt('play wrong receiver', () =>
    HTMLMediaElement.prototype.play.call({} as HTMLMediaElement),
  );

  // `caller`: a sloppy page function that the API calls (a conversion, a getter) sees, natively,
  // the page's own function that called the API (V8 skips the bindings' frames). Recorded as the
  // caller's source. Made with `new Function` so that it is sloppy whatever this file compiles to.
  const callers: string[] = [];
  const makeSloppy = new Function(
    'sink',
    'value',
    "return function pageFn() { var c = pageFn.caller; sink.push(c === null ? 'null' : 'fn:' + Function.prototype.toString.call(c).slice(0, 60)); return value; };",
  ) as (sink: string[], value: unknown) => () => unknown;
  attempt('setActionHandler with an object action', () =>
    ms.setActionHandler(
      { toString: makeSloppy(callers, 'play') } as unknown as MediaSessionAction,
      null,
    ),
  );
  const positionWithGetter = {};
  Object.defineProperty(positionWithGetter, 'duration', { get: makeSloppy(callers, 10) });
  attempt('setPositionState with a sloppy getter', () =>
    ms.setPositionState(positionWithGetter as MediaPositionState),
  );
  attempt('playbackState from an object', () => {
    (ms as unknown as { playbackState: unknown }).playbackState = {
      toString: makeSloppy(callers, 'paused'),
    };
  });
  out.callersSeen = callers;

  // Stacks: a page that calls a method wrongly reads the error's stack. Natively the page's own
  // call is the top frame; a wrapper's frames there would name the extension and its id. Each
  // call is made from a named function here, so the frames are the same in both browsers.
  const stackOf = (fn: () => unknown): string => {
    try {
      fn();
      return 'no throw';
    } catch (error) {
      return String((error as Error)?.stack);
    }
  };
  out['stack setActionHandler bogus'] = stackOf(function badAction() {
    ms.setActionHandler('bogus' as MediaSessionAction, null);
  });
  out['stack setPositionState position over duration'] = stackOf(function overDuration() {
    ms.setPositionState({ duration: 5, position: 9 });
  });
  out['stack metadata setter'] = stackOf(function badMetadata() {
    (ms as unknown as { metadata: unknown }).metadata = 5;
  });
  // A V8 builtin (not a Blink binding) has a frame of its own, `at Object.toString (<anonymous>)`,
  // which the recaptured stack lacks (README: known differences); nothing of ours shows either way.
  const toStringStack = stackOf(function badToString() {
    Function.prototype.toString.call({});
  });
  out['stack of toString on a non-function names an extension'] =
    toStringStack.includes('chrome-extension:');
  out['stack of toString on a non-function starts'] = toStringStack.split('\n')[0];
  out['stack metadata title setter wrong receiver'] = stackOf(function badTitle() {
    Object.getOwnPropertyDescriptor(MediaMetadata.prototype, 'title')?.set?.call({}, 'x');
  });
  // An error the page's own getter throws while the wrapper converts is the page's: the very same
  // object comes out, with the stack it had (here made before the call), untouched.
  const preMade = new RangeError('made before');
  const preMadeStack = preMade.stack;
  let thrown: unknown = null;
  try {
    ms.setPositionState({
      get duration(): number {
        throw preMade;
      },
    });
  } catch (error) {
    thrown = error;
  }
  out['a page error thrown through a conversion keeps its identity and stack'] =
    thrown === preMade && preMade.stack === preMadeStack;
  return out;
}

/**
 * Static markers: asks each function Media Deck replaces (the `MediaSession` methods, the setters
 * of `MediaSession.prototype.metadata` / `playbackState` and of `MediaMetadata.prototype`'s
 * attributes, `HTMLMediaElement.prototype.play`, `Function.prototype.toString`) about every key in
 * `keys` (the string literals of the extension's own bundle, which anyone can download): `key in
 * fn`, `Reflect.has(fn, key)`, `key in` an object that inherits from `fn`, and
 * `Object.getOwnPropertyDescriptor(fn, key)`; and lists `Object.getOwnPropertyNames(fn)`. A
 * wrapper that answers one of those for a key of its own (a `Proxy` `has` trap that marks it as
 * ours for a later copy of the script) tells a page that Media Deck is installed, with one `in`.
 * Natively the answers are the same for every key. Runs inside a page, so self-contained.
 */
export function probeWrapperMarkers(keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const own = (owner: object | undefined, name: string) =>
    owner ? Object.getOwnPropertyDescriptor(owner, name) : undefined;
  const session = globalThis.MediaSession?.prototype;
  const metadata = globalThis.MediaMetadata?.prototype;
  const targets: [string, unknown][] = [
    ['Function.prototype.toString', own(Function.prototype, 'toString')?.value],
    ['HTMLMediaElement.prototype.play', own(HTMLMediaElement.prototype, 'play')?.value],
  ];
  for (const name of [
    'setActionHandler',
    'setPositionState',
    'setMicrophoneActive',
    'setCameraActive',
    'setScreenshareActive',
  ]) {
    targets.push([`MediaSession.prototype.${name}`, own(session, name)?.value]);
  }
  for (const name of ['metadata', 'playbackState'])
    targets.push([`set MediaSession.prototype.${name}`, own(session, name)?.set]);
  // (`chapterInfo` is read-only: no setter to wrap.)
  for (const name of ['title', 'artist', 'album', 'artwork'])
    targets.push([`set MediaMetadata.prototype.${name}`, own(metadata, name)?.set]);

  const describe = (d: PropertyDescriptor) =>
    `${typeof d.value}/${typeof d.get}/${typeof d.set}/${d.writable}/${d.enumerable}/${d.configurable}`;
  for (const [label, fn] of targets) {
    if (typeof fn !== 'function') {
      out[label] = 'absent';
      continue;
    }
    const heir = Object.create(fn);
    out[label] = {
      in: keys.filter((key) => key in fn),
      'Reflect.has': keys.filter((key) => Reflect.has(fn, key)),
      'in an heir': keys.filter((key) => key in heir),
      descriptors: keys.flatMap((key) => {
        const d = Object.getOwnPropertyDescriptor(fn, key);
        return d ? [`${key}: ${describe(d)}`] : [];
      }),
      ownNames: Object.getOwnPropertyNames(fn),
    };
  }
  return out;
}

/**
 * Dispatches, on `window`, a `MessageEvent` of each type in `types` carrying a fresh
 * `MessagePort`, with a capture listener of the page's own registered for it, and returns the types
 * whose event that listener did not see. Natively it sees every one. A content script that listens
 * for a private event type (the channel its isolated world hands it a port on) and stops it before
 * the page's listeners (`stopImmediatePropagation`) makes that event vanish: with the type taken
 * from the extension's bundle, the page learns that Media Deck is there. Runs inside a page.
 */
export function probeEventDelivery(types: readonly string[]): string[] {
  const lost: string[] = [];
  for (const type of types) {
    let seen = false;
    const listener = () => {
      seen = true;
    };
    addEventListener(type, listener, true);
    dispatchEvent(new MessageEvent(type, { ports: [new MessageChannel().port1] }));
    removeEventListener(type, listener, true);
    if (!seen) lost.push(type);
  }
  return lost;
}
