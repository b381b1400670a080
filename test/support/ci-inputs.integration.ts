import { requireInCi } from './ci-inputs';

/** Global set-up of the integration project: in CI its suites may not skip for want of an input. */
export function setup(): void {
  requireInCi(['sample', 'postgres', 'dashboard']);
}
