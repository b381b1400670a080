export * from './task';
export * from './run-isolated';
export * from './speculative-checks';
