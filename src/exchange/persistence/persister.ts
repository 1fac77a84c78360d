/** Writes the state after changes, one write at a time; changes during a write are covered by one more write. */
export interface Persister {
  /** Asks for a write of the state as it will be when the write starts. */
  schedule(): void;
  /** Resolves once no write is pending; rejects with the last write's error if it failed. */
  flush(): Promise<void>;
}

export function createPersister(write: () => Promise<void>): Persister {
  let running: Promise<void> | undefined;
  let again = false;
  let failure: unknown;

  const loop = async (): Promise<void> => {
    do {
      again = false;
      try {
        await write();
        failure = undefined;
      } catch (e) {
        failure = e;
      }
    } while (again);
    running = undefined;
  };

  return {
    schedule() {
      if (running) again = true;
      else running = loop();
    },
    async flush() {
      while (running) await running;
      if (failure !== undefined) throw failure;
    },
  };
}
