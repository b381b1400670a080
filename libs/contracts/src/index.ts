export * from './scorecard';
export * from './runs';
export * from './system';
export * from './datasets';
export * from './briefings';
export * from './exceptions';
export * from './format';
export * from './agencies';
