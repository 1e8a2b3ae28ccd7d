/**
 * How long each set-up step took, for the start log (`{ step, ms }` lines) and `npm run bench:start`:
 * the first start is measured step by step so a slow one shows.
 */
export interface StepTime {
  step: string;
  ms: number;
}

export type TimeStep = <T>(step: string, run: () => Promise<T>) => Promise<T>;

export function createStepTimes(): { steps: StepTime[]; time: TimeStep } {
  const steps: StepTime[] = [];
  const time: TimeStep = async (step, run) => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      steps.push({ step, ms: Math.round(performance.now() - started) });
    }
  };
  return { steps, time };
}

/** No timing (tests and callers that do not log it). */
export const untimed: TimeStep = (_step, run) => run();
