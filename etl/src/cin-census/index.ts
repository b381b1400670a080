export * from './census-columns';
export * from './census-reader';
export * from './child-id-key';
export * from './validate-census';
export * from './source-choice';
