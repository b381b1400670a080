export * from './warehouse';
export * from './read-only-pool';
export * from './snapshot-schema';
