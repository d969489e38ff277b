/**
 * Converts a page's argument the way WebIDL does before a native method sees it (ECMAScript
 * ToPrimitive, then ToString or ToNumber), so that a wrapper learns the converted value while
 * the page's own code (a getter, `toString`, `valueOf`, `Symbol.toPrimitive`, a Proxy trap) runs
 * exactly once and in the native order. The wrapper then hands the native method the converted
 * primitive, which it converts again without side effects.
 *
 * Where the conversion itself fails (no primitive to be had, a Symbol or BigInt where a number is
 * needed, a revoked Proxy), Blink throws its own TypeError, prefixed with its context ("Failed to
 * execute 'setPositionState' on 'MediaSession': Failed to read the 'duration' property from
 * 'MediaPositionState': Cannot convert object to primitive value"). So these helpers never throw
 * such an error themselves: they return a stand-in, a value of ours that the native method fails
 * to convert in exactly the same way, without touching the page's object again. Exceptions thrown
 * by the page's own functions propagate unchanged, as they do natively.
 */

// SpiderMonkey converts and words some things differently: the stand-ins below, and
// `MediaPositionState.duration` in session-recorder.ts.
import { FIREFOX } from '../build-target';
import {
  apply,
  isArray,
  objectCreate,
  ProxyCtor,
  proxyRevocable,
  toPrimitiveKey,
} from './intrinsics';

/** A JavaScript primitive: what ToPrimitive yields. */
export type Primitive = string | number | bigint | boolean | symbol | null | undefined;

/**
 * The converted value, or (`ok: false`) a stand-in to pass to the native method in place of the
 * page's value, so that the native method throws its own error for it.
 */
export type Converted<T> = { ok: true; value: T } | { ok: false; standIn: unknown };

/**
 * Whether `value` is an object. `document.all` counts: `typeof` calls it `'undefined'`, but it
 * is an object (and callable) to every conversion.
 */
export function isObject(value: unknown): value is object {
  const type = typeof value;
  return (
    (type === 'object' && value !== null) ||
    type === 'function' ||
    (type === 'undefined' && value !== undefined)
  );
}

/** ECMAScript IsCallable, `document.all` included (it is callable, though `typeof` hides it). */
export function isCallable(value: unknown): boolean {
  const type = typeof value;
  return type === 'function' || (type === 'undefined' && value !== undefined);
}

/**
 * Whether reading a property of `value` would fail inside the engine because `value` is a revoked
 * Proxy. `Array.isArray` throws for exactly that, and runs no page code (it never calls a trap).
 * A live Proxy around a revoked one is reported as revoked too: that is the one case where this
 * test and the engine disagree.
 */
export function isRevokedProxy(value: object): boolean {
  try {
    isArray(value);
    return false;
  } catch {
    return true;
  }
}

/** A revoked Proxy of ours: reading from it fails like reading from the page's revoked one. */
export function revokedProxy(): object {
  const revocable = proxyRevocable(objectCreate(null), objectCreate(null));
  revocable.revoke();
  return revocable.proxy;
}

/** An object with no way to become a primitive: "Cannot convert object to primitive value". */
function unconvertible(): object {
  return objectCreate(null);
}

/**
 * Firefox: stands in for `value` whose `Symbol.toPrimitive` is `exotic`, not callable. SpiderMonkey
 * names only the kind of value ("can't convert Function to string: its [Symbol.toPrimitive]
 * property is not a function"), and a Proxy is a kind of its own: a function or a plain object
 * with `exotic` as its own `Symbol.toPrimitive` instead.
 */
function sameKindStandIn(value: object, exotic: unknown): object {
  if (isCallable(value)) {
    // A function is named by its kind.
    const standIn = (() => {}) as unknown as Record<symbol, unknown>;
    standIn[toPrimitiveKey] = exotic;
    return standIn;
  }
  // An object's own members show in the message (`({})`): there `exotic` is inherited.
  const proto: Record<symbol, unknown> = objectCreate(null);
  proto[toPrimitiveKey] = exotic;
  return objectCreate(proto);
}

/**
 * Stands in for an object whose `Symbol.toPrimitive` returned an object: its own does too, so the
 * engine throws its own error for that case (Firefox words it differently from a plain object
 * with no way to become a primitive; found by tests/firefox/page-fuzz.test.ts).
 */
function toPrimitiveGivesObject(): object {
  const standIn: Record<symbol, unknown> = objectCreate(null);
  standIn[toPrimitiveKey] = () => standIn;
  return standIn;
}

/**
 * Stands in for `value` whose `Symbol.toPrimitive` is `exotic`, not callable. The engine's message
 * names both ("'5' returned for property 'Symbol(Symbol.toPrimitive)' of object '#<Foo>' is not a
 * function"); a Proxy of `value` is described like `value` itself, without any of its traps
 * running, and answers `exotic` without reading it again. (Arrays and Dates are described as
 * '[object Object]' through a Proxy instead of '[object Array]': the one wording that differs.)
 */
function nonCallableStandIn(value: object, exotic: unknown): object {
  const handler: ProxyHandler<object> = objectCreate(null);
  handler.get = () => exotic;
  return new ProxyCtor(value, handler);
}

/**
 * Calls `value[name]` if callable; returns `{ ok: true, value }` when that gives a primitive,
 * `null` to go on with the next method (OrdinaryToPrimitive, ECMA-262 § 7.1.1.1).
 */
function tryMethod(value: object, name: 'toString' | 'valueOf'): Converted<Primitive> | null {
  const method = (value as Record<string, unknown>)[name];
  if (!isCallable(method)) return null;
  const result = apply(method as () => unknown, value, []);
  return isObject(result) ? null : { ok: true, value: result as Primitive };
}

/**
 * ECMAScript ToPrimitive(value, hint) (ECMA-262 § 7.1.1), running the page's code once, in the
 * spec's order: `Symbol.toPrimitive` first; else `valueOf` then `toString` for `'number'`, the
 * other way round for `'string'`. Throws what a page function throws; returns a stand-in where
 * the engine itself would throw.
 */
export function toPrimitiveOnce(value: unknown, hint: 'string' | 'number'): Converted<Primitive> {
  if (!isObject(value)) return { ok: true, value: value as Primitive };
  if (isRevokedProxy(value)) return { ok: false, standIn: revokedProxy() };
  const exotic = (value as Record<symbol, unknown>)[toPrimitiveKey];
  if (exotic !== undefined && exotic !== null) {
    if (!isCallable(exotic)) {
      const standIn = FIREFOX ? sameKindStandIn(value, exotic) : nonCallableStandIn(value, exotic);
      return { ok: false, standIn };
    }
    const result = apply(exotic as (hint: string) => unknown, value, [hint]);
    return isObject(result)
      ? { ok: false, standIn: FIREFOX ? toPrimitiveGivesObject() : unconvertible() }
      : { ok: true, value: result as Primitive };
  }
  const first = tryMethod(value, hint === 'string' ? 'toString' : 'valueOf');
  if (first) return first;
  const second = tryMethod(value, hint === 'string' ? 'valueOf' : 'toString');
  return second ?? { ok: false, standIn: unconvertible() };
}

/** WebIDL DOMString / enum conversion (ECMAScript ToString), page code run once. */
export function toStringOnce(value: unknown): Converted<string> {
  const primitive = toPrimitiveOnce(value, 'string');
  if (!primitive.ok) return primitive;
  const p = primitive.value;
  // A Symbol does not convert; the native method says so with its own message.
  if (typeof p === 'symbol') return { ok: false, standIn: p };
  return { ok: true, value: `${p as string}` }; // a primitive: no page code runs
}

/**
 * WebIDL `double` / `unrestricted double` conversion up to the finiteness check (ECMAScript
 * ToNumber), page code run once. NaN and infinities are returned as numbers: whether they are
 * allowed is the caller's business.
 */
export function toNumberOnce(value: unknown): Converted<number> {
  const primitive = toPrimitiveOnce(value, 'number');
  if (!primitive.ok) return primitive;
  const p = primitive.value;
  // Neither converts to a number; the native method throws its own message for them.
  if (typeof p === 'symbol' || typeof p === 'bigint') return { ok: false, standIn: p };
  return { ok: true, value: +(p as number) };
}
