export * from './check-work';
export * from './compile';
export * from './london';
export * from './mask';
export * from './parsers';
export * from './validate-submission';
