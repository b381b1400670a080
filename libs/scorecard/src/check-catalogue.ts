import { CHECKED_CATALOGUE_PATH, writeCheckedCatalogue } from './catalogue-file';

// Run by `npm run build`: checks the shipped catalogue and records its SHA-256 beside the compiled
// code, or fails the build with the message the library would otherwise give when it loads.
if (require.main === module) {
  try {
    writeCheckedCatalogue();
    process.stdout.write(`Indicator catalogue checked: ${CHECKED_CATALOGUE_PATH}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
