import { prepareDfeReference } from './dfe';
import { PREPARED_DFE_DIR } from './dfe-prepared';

// Run by `npm run build`: the prepared copies of the shipped DfE files, beside the compiled code.
if (require.main === module) {
  prepareDfeReference();
  process.stdout.write(`DfE reference files prepared in ${PREPARED_DFE_DIR}\n`);
}
