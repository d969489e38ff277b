/**
 * Pristine references to the built-ins the MAIN world uses, captured when the wrapper first runs
 * (document_start, before any page script). Later the page may replace `Map.prototype.get`,
 * `EventTarget.prototype.addEventListener` or `MessagePort.prototype.postMessage`; calling those
 * through the page's versions would hand the page our private objects (the bridge port, the
 * handler table). So every method we call on a shared prototype goes through `uncurry`.
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
export const has = Reflect.has;
export const ownDescriptor = Object.getOwnPropertyDescriptor;
export const defineProperty = Object.defineProperty;
export const ProxyCtor = Proxy;
export const proxyRevocable = Proxy.revocable;
export const objectCreate = Object.create;
export const isArray = Array.isArray;
/** The well-known symbol (its property is read-only, but a page can replace the global `Symbol`). */
export const toPrimitiveKey: typeof Symbol.toPrimitive = Symbol.toPrimitive;
export const dateNow = Date.now;
// Called through `apply`, not `.bind`: nothing here calls a method the page could have replaced
// (when injected late, `Function.prototype.bind` may be the page's own).
const queueMicrotaskRef = globalThis.queueMicrotask;
const setTimeoutRef = globalThis.setTimeout;
const reportErrorRef: ((e: unknown) => void) | undefined = globalThis.reportError;
export const queueMicrotaskNative = (callback: () => void): void => {
  apply(queueMicrotaskRef, globalThis, [callback]);
};
/** `setTimeout(callback, ms)` through the captured function. */
export const setTimeoutNative = (callback: () => void, ms: number): void => {
  apply(setTimeoutRef, globalThis, [callback, ms]);
};
/** Reports `error` to the page as an uncaught one would be (the page's handler threw). */
export const reportErrorNative = (error: unknown): void => {
  if (typeof reportErrorRef === 'function') apply(reportErrorRef, globalThis, [error]);
};
export const jsonStringify = JSON.stringify;
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

/** Captured getter of `proto[name]`, called with an explicit receiver; `undefined` if absent. */
export function getterOf<T>(
  proto: object | undefined,
  name: string,
): ((self: object) => T) | undefined {
  const get = proto ? ownDescriptor(proto, name)?.get : undefined;
  return get ? (self: object) => apply(get, self, []) as T : undefined;
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
export const weakSetHas = uncurry(WeakSet.prototype.has) as <K extends object>(
  s: WeakSet<K>,
  k: K,
) => boolean;
export const weakSetAdd = uncurry(WeakSet.prototype.add) as <K extends object>(
  s: WeakSet<K>,
  k: K,
) => WeakSet<K>;
export const addListener = uncurry(EventTarget.prototype.addEventListener);
export const stopImmediatePropagation = uncurry(Event.prototype.stopImmediatePropagation);
export const eventTarget = getterOf<EventTarget | null>(Event.prototype, 'target');
export const messageEventData = getterOf<unknown>(MessageEvent.prototype, 'data');
export const messageEventPorts = getterOf<readonly MessagePort[]>(MessageEvent.prototype, 'ports');
export const messageEventSource = getterOf<unknown>(MessageEvent.prototype, 'source');
export const portPostMessage = uncurry(MessagePort.prototype.postMessage) as (
  port: MessagePort,
  message: unknown,
) => void;
export const portStart = uncurry(MessagePort.prototype.start);
export const portClose = uncurry(MessagePort.prototype.close);
const onmessageSetter = ownDescriptor(MessagePort.prototype, 'onmessage')?.set;
/** `port.onmessage = listener`, through the captured setter. */
export function setPortOnMessage(port: MessagePort, listener: (event: MessageEvent) => void): void {
  if (onmessageSetter) apply(onmessageSetter, port, [listener]);
}
/** `promise.then(onFulfilled, onRejected)` through the captured method. */
export const promiseThen = uncurry(Promise.prototype.then) as (
  p: Promise<unknown>,
  onFulfilled: ((value: unknown) => void) | undefined,
  onRejected: (e: unknown) => void,
) => Promise<unknown>;
export const stringSlice = uncurry(String.prototype.slice);

const userActivationOf = getterOf<UserActivation | undefined>(
  globalThis.Navigator?.prototype,
  'userActivation',
);
const hasBeenActiveOf = getterOf<boolean>(globalThis.UserActivation?.prototype, 'hasBeenActive');
const isActiveOf = getterOf<boolean>(globalThis.UserActivation?.prototype, 'isActive');
/** This frame's `UserActivation`, read once (the object lives as long as the navigator). */
const userActivation = userActivationOf && navigator ? userActivationOf(navigator) : undefined;

/**
 * The frame's user activation, through the native getters captured at document_start
 * (https://html.spec.whatwg.org/multipage/interaction.html#the-useractivation-interface): `sticky`
 * once the user has interacted with this frame, `transient` within a few seconds of it. Both
 * `false` where the API is missing.
 */
export function userActivationState(): { sticky: boolean; transient: boolean } {
  if (!userActivation) return { sticky: false, transient: false };
  return {
    sticky: hasBeenActiveOf?.(userActivation) === true,
    transient: isActiveOf?.(userActivation) === true,
  };
}
