export * from './task';
export * from './run-isolated';
