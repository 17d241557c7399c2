import { ProjectList } from "./list.js";
import type { ProjectStore } from "./store.js";
import type { Responsaveis } from "./analysts.js";

/** One run as the routes serve it: its store and what is derived from it once. */
export interface ServedRun {
  readonly store: ProjectStore;
  readonly list: ProjectList;
}

interface Slot extends ServedRun {
  /** Requests reading the store asynchronously (the details) right now. */
  users: number;
  /** Set when retired: closes the store once the last user is done. */
  drained?: () => void;
}

/**
 * The run the routes answer from, behind one reference, so that a new run
 * replaces the old one atomically: a request takes `current` once and
 * answers wholly from that run. The old store is closed once the requests
 * still reading it have finished, or after a grace period at the latest.
 */
export class LiveStore {
  #current: Slot;
  readonly #retiring = new Set<Promise<void>>();
  /** Who has which project (shown in the list and details, and ordered by), when the service has analysts. */
  readonly responsaveis: Responsaveis | undefined;

  constructor(store: ProjectStore, responsaveis?: Responsaveis) {
    this.responsaveis = responsaveis;
    this.#current = slot(store, responsaveis);
  }

  /** The run served now. */
  get current(): ServedRun {
    return this.#current;
  }

  /** Runs `work` against the current run, keeping its store open until `work` settles. */
  async use<T>(work: (run: ServedRun) => Promise<T>): Promise<T> {
    const run = this.#current;
    run.users++;
    try {
      return await work(run);
    } finally {
      run.users--;
      if (run.users === 0) run.drained?.();
    }
  }

  /**
   * Serves `store` from now on. Resolves once the previous store is closed:
   * when its last in-flight request finished, or after `graceMs`.
   */
  swap(store: ProjectStore, graceMs = 30_000): Promise<void> {
    const old = this.#current;
    this.#current = slot(store, this.responsaveis);
    return this.#retire(old, graceMs);
  }

  /** Closes the current store and any still retiring (waiting at most `graceMs` for their requests). */
  async close(graceMs = 5_000): Promise<void> {
    const retiring = this.#retire(this.#current, graceMs);
    await Promise.all([retiring, ...this.#retiring]);
  }

  #retire(old: Slot, graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const close = () => {
        if (timer !== undefined) clearTimeout(timer);
        old.drained = undefined;
        old.store.close().then(resolve, resolve);
      };
      if (old.users === 0) return close();
      old.drained = close;
      timer = setTimeout(close, graceMs);
      timer.unref();
    });
    this.#retiring.add(closed);
    void closed.then(() => this.#retiring.delete(closed));
    return closed;
  }
}

function slot(store: ProjectStore, responsaveis: Responsaveis | undefined): Slot {
  return { store, list: new ProjectList(store, responsaveis), users: 0 };
}
