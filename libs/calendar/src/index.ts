export * from './dates';
export * from './periods';
export * from './bank-holidays';
export * from './working-days';
export * from './calendar-rows';
