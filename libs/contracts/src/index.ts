export * from './scorecard';
export * from './runs';
export * from './system';
export * from './briefings';
export * from './exceptions';
export * from './format';
