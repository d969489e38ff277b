import { useLayoutEffect, useReducer } from 'preact/hooks';

/** A store the extension pages subscribe to (the popup's deck store, the settings store). */
export interface Subscribable<T> {
  get(): T;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * The store's current state, re-rendering the component on every change: React's
 * `useSyncExternalStore`, in Preact's core hooks. (preact/compat has it, but importing preact/compat
 * changes every element's `onChange` into `onInput`, React's way.) The state is read during render,
 * and the subscription made in a layout effect, before the first paint: a passive effect would run
 * after it, and a change in between (the popup's first snapshot) would be drawn a frame late.
 */
export function useStore<T>(store: Subscribable<T>): T {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const state = store.get();
  useLayoutEffect(() => {
    const unsubscribe = store.subscribe(() => rerender(undefined));
    // A change between this render and the subscription is drawn now.
    if (store.get() !== state) rerender(undefined);
    return unsubscribe;
  }, [store]); // `state` is this render's, on purpose: only a new store subscribes again

  return state;
}
