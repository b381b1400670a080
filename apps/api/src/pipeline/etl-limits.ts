import type { IsolationLimits } from '@oscp/etl';
import type { AppConfig } from '../config/app-config';

/** The ETL child's memory and time limits, from the configuration. */
export function etlIsolationLimits(config: AppConfig): IsolationLimits {
  return { memoryMb: config.etlMemoryMb, timeLimitMs: config.etlTimeLimitS * 1000 };
}
