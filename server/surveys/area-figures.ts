import { Worker } from 'node:worker_threads';
import { type AreaFigures, type AreaInput, areaFigures } from '../../core/surveys/results-view.ts';

/**
 * Above this many responses (the period's and the one before's) the figures are computed in a worker
 * thread: 20,000 responses take ~300 ms of CPU, which on the main thread would stall every request.
 * Below it a worker's start costs more than the work.
 */
export const WORKER_THRESHOLD = 5_000;

export function computeAreaFigures(input: AreaInput, threshold = WORKER_THRESHOLD): Promise<AreaFigures> {
  if (input.included.length + input.previous.length < threshold) return Promise.resolve(areaFigures(input));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./results-worker.ts', import.meta.url), { workerData: input });
    worker.once('message', (figures: AreaFigures) => {
      resolve(figures);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`survey results worker exited with code ${code}`));
    });
  });
}
