export * from './types';
export * from './demo';
export * from './reference/dfe';
export * from './contracts';
export * from './inbox';
export * from './reading';
export * from './validation';
export * from './snapshot';
