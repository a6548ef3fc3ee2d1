// Where the repository, its fixtures and ../shared are.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const SHARED = join(ROOT, '..', 'shared');
export const CONFORMANCE = join(SHARED, 'conformance', 'node_exporter');
