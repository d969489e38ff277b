/**
 * Pristine references to the built-ins the MAIN world uses, captured when it first runs
 * (document_start, before any page script). Later the page may replace `Map.prototype.get`,
 * `Math.max`, `Promise[Symbol.hasInstance]`, a getter on `Event.prototype` or a setter on
 * `Array.prototype[0]`; anything of ours that reached one of those would run the page's code with
 * our frames on the stack (naming `chrome-extension://<id>`) and hand it our values. So the MAIN
 * world's code after start-up uses only operators and what this module captured, called through
 * `apply` with an explicit receiver; it writes to arrays and descriptors only through
 * `defineProperty` with null-prototype descriptors, and reads only own members of what it did not
 * make (docs/architecture.md § The page cannot tell).
 *
 * Injected late (after an install or update, into a page that already ran), these are whatever
 * the page left there, perhaps its own replacements: there is no pristine copy to be had without
 * a new realm (an iframe, which the page would see). Then the page can watch, or break, what we
 * do with them; every entry point of the MAIN world therefore catches, so the page never sees an
 * exception of ours, and the build wraps the whole script in `try` (vite.config.ts).
 */

// biome-ignore lint/complexity/noBannedTypes: any callable
type AnyCallable = Function;

export const apply = Reflect.apply;
export const deleteProperty = Reflect.deleteProperty;
export const ownDescriptor = Object.getOwnPropertyDescriptor;
export const defineProperty = Object.defineProperty;
export const ProxyCtor = Proxy;
export const proxyRevocable = Proxy.revocable;
export const objectCreate = Object.create;
export const isArray = Array.isArray;
export const WeakMapCtor = WeakMap;
/** The well-known symbol (its property is read-only, but a page can replace the global `Symbol`). */
export const toPrimitiveKey: typeof Symbol.toPrimitive = Symbol.toPrimitive;
export const dateNow = Date.now;
const queueMicrotaskRef = globalThis.queueMicrotask;
const setTimeoutRef = globalThis.setTimeout;
const reportErrorRef: ((e: unknown) => void) | undefined = globalThis.reportError;
/** `queueMicrotask(callback)` through the captured function. */
export const queueMicrotaskNative = (callback: () => void): void => {
  apply(queueMicrotaskRef, globalThis, [callback]);
};
/** `setTimeout(callback, ms)` through the captured function. */
export const setTimeoutNative = (callback: () => void, ms: number): void => {
  apply(setTimeoutRef, globalThis, [callback, ms]);
};
/** V8's `Error.captureStackTrace(error, belowFn)`; `undefined` in an engine without it. */
export const captureStackTrace: ((error: object, belowFn: AnyCallable) => void) | undefined = (
  Error as { captureStackTrace?: (error: object, belowFn: AnyCallable) => void }
).captureStackTrace;
/** `Error.isError(value)`: a brand check that runs no page code (false for a Proxy). */
export const isError: ((value: unknown) => boolean) | undefined = (
  Error as { isError?: (value: unknown) => boolean }
).isError;

/** `uncurry(Map.prototype.get)(map, key)`: calls the captured method with an explicit `this`. */
export function uncurry<T, A extends unknown[], R>(
  method: (this: T, ...args: A) => R,
): (self: T, ...args: A) => R {
  return (self, ...args) => apply(method, self, args);
}

/**
 * Captured getter of `proto[name]`, called with an explicit receiver. Where there is no such getter
 * (an API this browser lacks) the call throws a `TypeError`, which the caller's `catch` takes.
 */
export function getterOf<T>(proto: object | undefined, name: string): (self: object) => T {
  const get = accessorOf(proto, name, 'get');
  return (self: object) => apply(get as () => T, self, []) as T;
}

/**
 * The getter or setter (`part`) of accessor `proto[name]`, or `undefined`; own members only, so
 * that no `Object.prototype.get` of the page's is read.
 */
export function accessorOf(
  proto: unknown,
  name: string,
  part: 'get' | 'set',
): ((...args: never[]) => unknown) | undefined {
  return ownValue(proto && ownDescriptor(proto, name), part) as never;
}

/**
 * A null-prototype data descriptor: `defineProperty` reads `get`, `set`, `value`… through the
 * descriptor's prototype chain, where a page may have defined `Object.prototype.get`.
 */
export function dataDescriptor(
  value: unknown,
  writable: boolean,
  enumerable: boolean,
  configurable: boolean,
): PropertyDescriptor {
  const d: PropertyDescriptor = objectCreate(null);
  d.value = value;
  d.writable = writable;
  d.enumerable = enumerable;
  d.configurable = configurable;
  return d;
}

const assign = Object.assign;

/**
 * A null-prototype copy of `desc` (a descriptor `getOwnPropertyDescriptor` returned: `assign`
 * reads its own members only, and sets them on an object without setters) with `field` replaced
 * by `value`.
 */
export function withField(
  desc: PropertyDescriptor,
  field: 'value' | 'get' | 'set',
  value: unknown,
): PropertyDescriptor {
  const d: Record<string, unknown> = assign(objectCreate(null), desc);
  d[field] = value;
  return d as PropertyDescriptor;
}

/** Defines `target[key]` as a plain data property, running no setter of the page's. */
export function setOwn(target: object, key: PropertyKey, value: unknown): void {
  defineProperty(target, key, dataDescriptor(value, true, true, true));
}

/** Appends `value` to `list` without the page's `Array.prototype` setters seeing it. */
export function append<T>(list: T[], value: T): void {
  setOwn(list, list.length, value);
}

/** `target[key]` if it is an own data property, else `undefined`: no getter of the page's runs. */
export function ownValue(target: unknown, key: string): unknown {
  if ((typeof target !== 'object' && typeof target !== 'function') || target === null) return;
  const d = ownDescriptor(target, key);
  return d === undefined ? undefined : d.value;
}

export const weakMapGet = uncurry(WeakMap.prototype.get) as <K extends object, V>(
  m: WeakMap<K, V>,
  k: K,
) => V | undefined;
export const weakMapSet = uncurry(WeakMap.prototype.set) as <K extends object, V>(
  m: WeakMap<K, V>,
  k: K,
  v: V,
) => WeakMap<K, V>;
export const addListener = uncurry(EventTarget.prototype.addEventListener);
export const removeListener = uncurry(EventTarget.prototype.removeEventListener);
export const preventDefault = uncurry(Event.prototype.preventDefault);
export const eventTarget = getterOf<EventTarget | null>(Event.prototype, 'target');
export const eventType = getterOf<string>(Event.prototype, 'type');
export const messageEventData = getterOf<unknown>(MessageEvent.prototype, 'data');
export const messageEventPorts = getterOf<readonly MessagePort[]>(MessageEvent.prototype, 'ports');
export const portPostMessage = uncurry(MessagePort.prototype.postMessage) as (
  port: MessagePort,
  message: unknown,
) => void;
export const portStart = uncurry(MessagePort.prototype.start);
export const portClose = uncurry(MessagePort.prototype.close);
const onmessageSetter = ownDescriptor(MessagePort.prototype, 'onmessage')?.set;
/** `port.onmessage = listener`, through the captured setter. */
export function setPortOnMessage(port: MessagePort, listener: (event: MessageEvent) => void): void {
  apply(onmessageSetter as (listener: unknown) => void, port, [listener]);
}

const PromiseCtor = Promise;
const promiseResolve = Promise.resolve;
const promiseThenRef = Promise.prototype.then;
/** Own `constructor: undefined`: `then` then uses the intrinsic `Promise` (SpeciesConstructor). */
const noSpecies = dataDescriptor(undefined, false, false, true);

/**
 * `promise.then(onFulfilled, onRejected)`, through the captured method and without reading the
 * page-replaceable `Promise.prototype.constructor` or `Promise[Symbol.species]` (ECMA-262
 * § 27.2.5.4 SpeciesConstructor): `promise` is ours (or a native promise no one else holds) and
 * gets an own `constructor` of `undefined` first. Returns the derived promise, likewise prepared.
 */
export function promiseThen(
  promise: Promise<unknown>,
  onFulfilled: ((value: never) => unknown) | undefined,
  onRejected: ((reason: unknown) => unknown) | undefined,
): Promise<unknown> {
  defineProperty(promise, 'constructor', noSpecies);
  const derived = apply(promiseThenRef, promise, [onFulfilled, onRejected]) as Promise<unknown>;
  defineProperty(derived, 'constructor', noSpecies);
  return derived;
}

/**
 * Calls the page's `callback(argument)` from a promise job, as a WebIDL callback is called (this
 * `undefined`, one argument), with none of our frames beneath it: a handler that looks at
 * `new Error().stack` sees what a handler Chrome calls sees. What it throws is reported to the page
 * (`reportError`, an `error` event, as for any callback the browser invokes). `argument` must be
 * an object of ours: while it is being resolved it has an own `then` of `undefined`, so that no
 * `Object.prototype.then` of the page's is read.
 */
export function callPageCallback(callback: AnyCallable, argument: object): void {
  defineProperty(argument, 'then', noSpecies);
  const resolved = apply(promiseResolve, PromiseCtor, [argument]) as Promise<unknown>;
  deleteProperty(argument, 'then');
  const ran = promiseThen(resolved, callback as (value: never) => unknown, undefined);
  promiseThen(ran, undefined, reportErrorRef);
}
