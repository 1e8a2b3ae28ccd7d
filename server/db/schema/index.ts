export * from './accounts.ts';
export * from './assessment.ts';
export * from './audit.ts';
export * from './files.ts';
export * from './indices.ts';
export * from './plans.ts';
export * from './reference.ts';
export * from './units.ts';
