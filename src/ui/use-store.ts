import { useEffect, useState } from 'preact/hooks';

/** A store the extension pages subscribe to (the popup's deck store, the settings store). */
export interface Subscribable<T> {
  get(): T;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** The store's current state, re-rendering the component on every change (Preact hook). */
export function useStore<T>(store: Subscribable<T>): T {
  const [state, setState] = useState(store.get());
  useEffect(() => {
    setState(store.get());
    return store.subscribe(() => setState(store.get()));
  }, [store]);
  return state;
}
