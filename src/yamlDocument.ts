// How a configuration file's YAML is read, for every config file the exporter takes (--web.config.file,
// --remote-write.config.file): exactly one document, with bounded aliases and depth (no alias bombs), a
// syntax error reported by its first line only.
import { loadAll } from 'js-yaml';

/** Parses one YAML document; throws `fail(message)` for a syntax error or several documents. */
export function parseYamlDocument(text: string, fail: (message: string) => Error): unknown {
  let docs: unknown[];
  try {
    docs = loadAll(text, { maxAliases: 16, maxDepth: 20 });
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    throw fail(`not valid YAML: ${first}`);
  }
  if (docs.length > 1) throw fail('want one YAML document, got several');
  return docs[0] ?? null;
}
