/**
 * At most `max` pieces of heavy work at once (workers that may take their heap limit, OCR processes); the
 * rest wait their turn, and a finished one hands its slot straight to the next waiting.
 */
export function slots(max: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else active += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}
