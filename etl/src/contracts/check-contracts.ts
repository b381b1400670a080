import { CHECKED_CONTRACTS_PATH, DEFAULT_CONTRACTS_DIR, writeCheckedContracts } from './load';

// Run by `npm run build`: checks the shipped contracts and records their SHA-256 beside the compiled
// code, or fails the build with the message `loadContracts` would otherwise give at run time.
if (require.main === module) {
  try {
    writeCheckedContracts();
    process.stdout.write(`Contracts in ${DEFAULT_CONTRACTS_DIR} checked: ${CHECKED_CONTRACTS_PATH}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
