import { parentPort, workerData } from 'node:worker_threads';
import { type AreaInput, areaFigures } from '../../core/surveys/results-view.ts';

/** Computes one area's survey figures off the main thread and hands them back. */
parentPort?.postMessage(areaFigures(workerData as AreaInput));
