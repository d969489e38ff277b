/**
 * Wraps built-in functions so that the page cannot tell them from the originals
 * (docs/architecture.md § The page cannot tell): each wrapper is a `Proxy` of the native function, so `name`, `length`,
 * `prototype`, constructibility and property descriptors are the native ones, and (in a copy that
 * ran at document_start; a late one leaves the page's own alone) `Function.prototype.toString` is
 * itself wrapped to print the native source for our proxies.
 */
import {
  apply,
  captureStackTrace,
  defineProperty,
  isError,
  objectCreate,
  ownDescriptor,
  ownValue,
  ProxyCtor,
  WeakMapCtor,
  weakMapGet,
  weakMapSet,
  withField,
} from './intrinsics';

// biome-ignore lint/complexity/noBannedTypes: any callable is wrapped here
type AnyFunction = Function;

/** Wrapper proxy → the native function it stands for. */
const nativeOf: WeakMap<AnyFunction, AnyFunction> = new WeakMapCtor();

/**
 * Runs instead of the native function. `native` stands for it: `apply(native, thisArg, args)`
 * returns or throws exactly what the native function does (an error it throws has no frames of
 * ours in its stack).
 */
export type Interceptor = (thisArg: unknown, args: unknown[], native: AnyFunction) => unknown;

/** Returns a proxy of `native` whose calls go through `interceptor`. */
export function wrapFunction<F extends AnyFunction>(native: F, interceptor: Interceptor): F {
  // A null-prototype handler: a page that defines `Object.prototype.get` cannot add traps.
  const handler: ProxyHandler<F> = objectCreate(null);
  handler.apply = function trap(_target, thisArg, args) {
    return interceptor(thisArg, args, callNative);
  };
  /** `native`, as interceptors call it: what it throws leaves without our frames in its stack. */
  function callNative(this: unknown, ...args: unknown[]): unknown {
    try {
      return apply(native, this, args);
    } catch (error) {
      hideOurFrames(error, handler.apply as AnyFunction);
      throw error;
    }
  }
  const proxy = new ProxyCtor(native, handler);
  weakMapSet(nativeOf, proxy, native);
  return proxy;
}

/**
 * Takes our own frames out of the stack of an error the native function threw: natively the
 * page's call is the top frame (Blink's bindings have no JS frames), but through the wrapper the
 * stack would list `chrome-extension://<id>/…/main-world.iife.js` lines, telling any page that
 * calls a method wrongly that Media Deck is here, and its id. `Error.captureStackTrace(error,
 * trap)` recaptures it from the page's call down, exactly the native stack. Only errors thrown out
 * of the native call are touched, and only genuine ones (`Error.isError`, Chrome 134: no Proxy, no
 * page object that merely looks like one); an error from page code that our own conversion ran (a
 * getter, a `toString`) is the page's and keeps its stack, as does a frozen error. Never throws.
 */
function hideOurFrames(error: unknown, trap: AnyFunction): void {
  try {
    if ((isError as (value: unknown) => boolean)(error)) {
      (captureStackTrace as (error: object, belowFn: AnyFunction) => void)(error as object, trap);
    }
  } catch {
    // A sealed or frozen error (or an engine without these): its stack stays as it was.
  }
}

/**
 * Makes `Function.prototype.toString` print the native source for every wrapper. Call once.
 * Only at document_start: a page that already ran may have replaced `toString` itself, and its
 * replacement must stay exactly as it made it.
 */
export function maskToString(): void {
  const desc = ownDescriptor(Function.prototype, 'toString');
  const nativeToString = desc && ownValue(desc, 'value');
  if (!desc || typeof nativeToString !== 'function') return;
  const masked = wrapFunction(nativeToString, (thisArg, args, native) =>
    apply(native, weakMapGet(nativeOf, thisArg as AnyFunction) ?? thisArg, args),
  );
  defineProperty(Function.prototype, 'toString', withField(desc, 'value', masked));
}

/**
 * Runs a wrapper's own bookkeeping after the native call succeeded. The page's call must return
 * or throw exactly what the native one does, so nothing of ours may escape from it: an exception
 * here (a built-in the page broke) is swallowed, and only this record is lost.
 */
export function afterNative(bookkeeping: () => void): void {
  try {
    bookkeeping();
  } catch {}
}

/**
 * Replaces the method `proto[name]` with a wrapper, keeping its descriptor flags. Returns `false`
 * when there is no such method (an older browser): the page then sees no change at all.
 */
export function wrapMethod(proto: object, name: string, interceptor: Interceptor): boolean {
  const desc = ownDescriptor(proto, name);
  const method = desc && ownValue(desc, 'value');
  if (!desc || typeof method !== 'function') return false;
  defineProperty(proto, name, withField(desc, 'value', wrapFunction(method, interceptor)));
  return true;
}

/**
 * Replaces the getter or setter (`part`) of accessor `proto[name]`, keeping the other and the
 * flags, so that the other part still does exactly what the native one does. `after(thisArg,
 * args)` runs once the native part returned (its value is returned as it is). Returns `false` when
 * there is no such accessor.
 */
export function wrapAccessor(
  proto: object,
  name: string,
  part: 'get' | 'set',
  after: (thisArg: unknown, args: unknown[]) => void,
): boolean {
  const desc = ownDescriptor(proto, name);
  const nativePart = desc && ownValue(desc, part);
  if (!desc || typeof nativePart !== 'function') return false;
  const wrapped = wrapFunction(nativePart, (thisArg, args, native) => {
    const result = apply(native, thisArg, args);
    afterNative(() => after(thisArg, args));
    return result;
  });
  defineProperty(proto, name, withField(desc, part, wrapped));
  return true;
}
