export * from './types';
export * from './demo';
export * from './reference/dfe';
