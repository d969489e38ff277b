/**
 * Wraps built-in functions so that the page cannot tell them from the originals (issue "the page
 * must not notice us"): each wrapper is a `Proxy` of the native function, so `name`, `length`,
 * `prototype`, constructibility and property descriptors are the native ones, and
 * `Function.prototype.toString` is itself wrapped to print the native source for our proxies.
 */
import { INSTANCE_ANSWER, INSTANCE_QUERY } from '../../shared/channel';
import {
  apply,
  defineProperty,
  ownDescriptor,
  ProxyCtor,
  weakMapGet,
  weakMapSet,
} from './intrinsics';

// biome-ignore lint/complexity/noBannedTypes: any callable is wrapped here
type AnyFunction = Function;

/** Wrapper proxy → the native function it stands for. */
const nativeOf = new WeakMap<AnyFunction, AnyFunction>();

/**
 * Runs instead of the native function. `callNative` runs it with the given arguments (or the
 * original ones) and returns or throws exactly what it does.
 */
export type Interceptor = (thisArg: unknown, args: unknown[], native: AnyFunction) => unknown;

/** Returns a proxy of `native` whose calls go through `interceptor`. */
export function wrapFunction<F extends AnyFunction>(native: F, interceptor: Interceptor): F {
  // A null-prototype handler: a page that defines `Object.prototype.get` cannot add traps.
  const handler: ProxyHandler<F> = Object.create(null);
  handler.apply = (target, thisArg, args) => interceptor(thisArg, args, target);
  const proxy = new ProxyCtor(native, handler);
  weakMapSet(nativeOf, proxy, native);
  return proxy;
}

let toStringMasked = false;

/**
 * Whether another copy of the wrapper already runs in this frame (see `INSTANCE_QUERY`). Call
 * before wrapping anything.
 */
export function anotherInstanceRuns(): boolean {
  // On an ordinary function the native toString ignores the argument and returns its source;
  // never a throw here: an exception in every frame cost about 4 ms of script time (npm run bench).
  return (
    apply(Function.prototype.toString, anotherInstanceRuns, [INSTANCE_QUERY]) === INSTANCE_ANSWER
  );
}

/** Makes `Function.prototype.toString` print the native source for every wrapper. Idempotent. */
export function maskToString(): void {
  if (toStringMasked) return;
  toStringMasked = true;
  const desc = ownDescriptor(Function.prototype, 'toString');
  if (!desc || typeof desc.value !== 'function') return;
  const nativeToString = desc.value as AnyFunction;
  const masked = wrapFunction(nativeToString, (thisArg, args, native) => {
    if (args[0] === INSTANCE_QUERY) return INSTANCE_ANSWER;
    return apply(native, weakMapGet(nativeOf, thisArg as AnyFunction) ?? thisArg, args);
  });
  defineProperty(Function.prototype, 'toString', { ...desc, value: masked });
}

/**
 * Replaces the method `proto[name]` with a wrapper, keeping its descriptor flags. Returns `false`
 * when there is no such method (an older browser): the page then sees no change at all.
 */
export function wrapMethod(proto: object, name: string, interceptor: Interceptor): boolean {
  const desc = ownDescriptor(proto, name);
  if (!desc || typeof desc.value !== 'function') return false;
  defineProperty(proto, name, { ...desc, value: wrapFunction(desc.value, interceptor) });
  return true;
}

/**
 * Replaces the setter of accessor `proto[name]`, keeping its getter and flags, so the getter still
 * returns exactly what the native one does. Returns `false` when there is no such accessor.
 */
export function wrapSetter(
  proto: object,
  name: string,
  afterSet: (thisArg: unknown, args: unknown[]) => void,
): boolean {
  const desc = ownDescriptor(proto, name);
  if (!desc || typeof desc.set !== 'function') return false;
  const set = wrapFunction(desc.set, (thisArg, args, native) => {
    const result = apply(native, thisArg, args);
    afterSet(thisArg, args);
    return result;
  });
  defineProperty(proto, name, { ...desc, set });
  return true;
}
