import { writeFileSync } from 'node:fs';
import { OPENAPI_DOCUMENT_FILE, openApiDocumentText } from '../src/platform/openapi.ts';
import { ROUTES } from '../src/routes.ts';

/**
 * `npm run openapi`: writes the OpenAPI document the platform function serves. It is built here,
 * from the route table, not in the function, so the function builds no schema of the API (ADR 0023);
 * services/src/platform/openapi.test.ts fails while the committed file differs from the route table.
 */
writeFileSync(OPENAPI_DOCUMENT_FILE, openApiDocumentText(ROUTES));
console.log(`wrote ${OPENAPI_DOCUMENT_FILE}`);
