export * from './warehouse';
export * from './read-only-pool';
