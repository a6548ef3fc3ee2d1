// /etc/selinux/config ("SELINUX=enforcing", "SELINUXTYPE=targeted"), read the way go-selinux's
// readConfig does for node_exporter's selinux collector: blank lines and lines starting with ";" or
// "#" skipped, the key taken exactly as written before the first "=", double quotes trimmed from the
// value; the first line with the key wins.
import { scanLines } from '../gostrings.ts';

/** The value of key, or '' when the file does not set it. */
export function selinuxConfigValue(text: string, key: string): string {
  for (const raw of scanLines(text)) {
    const line = raw.trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq !== -1 && line.slice(0, eq) === key) return line.slice(eq + 1).replace(/^"+|"+$/g, '');
  }
  return '';
}

/** go-selinux's modes: Enforcing 1, Permissive 0, Disabled -1. */
export type SelinuxMode = 1 | 0 | -1;

/** go-selinux's DefaultEnforceMode from the SELINUX= setting. */
export function selinuxDefaultMode(configText: string | undefined): SelinuxMode {
  const v = configText === undefined ? '' : selinuxConfigValue(configText, 'SELINUX');
  return v === 'enforcing' ? 1 : v === 'permissive' ? 0 : -1;
}
