// Public surface of the Recall client: everything other modules may import from core/recall.
export * from './regions';
export * from './schemas';
export * from './errors';
export * from './client';
export * from './derive';
export * from './confirm';
export { realSleep, type Sleep } from './timing';
