export { DEMO_DATASET_HEADERS, generateDemoInbox } from './generate';
export type { DemoDataset, DemoInboxFile, DemoInboxOptions, DemoInboxResult } from './generate';
