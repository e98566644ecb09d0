import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Lets one piece of work run alone: replacing the database file under running services (a restore)
 * must wait until every other call has finished, and calls arriving meanwhile wait until it is done.
 * Ordinary calls run concurrently as before; only `exclusive` makes anything wait.
 */
export class CallGate {
  #active = 0;
  /** resolves when the exclusive work has finished (null: the gate is open) */
  #closed: Promise<void> | null = null;
  #idle: (() => void) | null = null;
  readonly #inCall = new AsyncLocalStorage<true>();

  /** Runs one ordinary call (waiting while exclusive work runs). */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    // Checked and counted in one step: no exclusive work can start in between.
    while (this.#closed) await this.#closed;
    this.#active++;
    try {
      return await this.#inCall.run(true, fn);
    } finally {
      this.#active--;
      if (this.#active === 0) this.#idle?.();
    }
  }

  /**
   * Runs `fn` once no other call is running; new calls wait until it is done. From inside a call (a
   * restore handler) that call itself does not count as running.
   */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const fromCall = this.#inCall.getStore() === true;
    if (fromCall) {
      this.#active--;
      if (this.#active === 0) this.#idle?.();
    }
    try {
      while (this.#closed) await this.#closed;
      let open!: () => void;
      this.#closed = new Promise<void>((resolve) => {
        open = resolve;
      });
      try {
        if (this.#active > 0) {
          await new Promise<void>((resolve) => {
            this.#idle = resolve;
          });
        }
        this.#idle = null;
        return await fn();
      } finally {
        this.#closed = null;
        open();
      }
    } finally {
      if (fromCall) this.#active++;
    }
  }
}
