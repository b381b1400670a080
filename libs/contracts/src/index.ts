export * from './scorecard';
export * from './runs';
export * from './system';
export * from './format';
