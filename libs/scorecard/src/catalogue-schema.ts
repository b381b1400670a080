import { z } from 'zod';
import { defineCatalogueSchema } from './catalogue-file';

/**
 * The indicator catalogue file's schema. A module of its own (the package export
 * `@oscp/scorecard/catalogue-schema`), so that loading the library does not load zod.
 */
export const catalogueSchema = defineCatalogueSchema(z);
