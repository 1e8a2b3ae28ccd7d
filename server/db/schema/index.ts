export * from './accounts.ts';
export * from './audit.ts';
export * from './indices.ts';
export * from './plans.ts';
export * from './reference.ts';
export * from './units.ts';
