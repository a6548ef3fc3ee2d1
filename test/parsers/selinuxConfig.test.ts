import { describe, expect, it } from 'vitest';
import { selinuxConfigValue, selinuxDefaultMode } from '../../src/rootfs/selinuxConfig.ts';

const CONFIG = `# This file controls the state of SELinux on the system.
; an old-style comment
SELINUX=enforcing

SELINUXTYPE="targeted"
SELINUX=permissive
`;

describe('selinuxConfigValue (go-selinux readConfig)', () => {
  it('takes the first line with the key, quotes trimmed', () => {
    expect(selinuxConfigValue(CONFIG, 'SELINUX')).toBe('enforcing');
    expect(selinuxConfigValue(CONFIG, 'SELINUXTYPE')).toBe('targeted');
    expect(selinuxConfigValue(CONFIG, 'NOPE')).toBe('');
    // the key is compared as written: blanks before "=" make another key
    expect(selinuxConfigValue('SELINUX = enforcing\n', 'SELINUX')).toBe('');
  });
});

describe('selinuxDefaultMode (go-selinux DefaultEnforceMode)', () => {
  it.each([
    ['SELINUX=enforcing\n', 1],
    ['SELINUX=permissive\n', 0],
    ['SELINUX=disabled\n', -1],
    ['SELINUX=Enforcing\n', -1],
    ['', -1],
    [undefined, -1],
  ])('%j -> %d', (text, mode) => {
    expect(selinuxDefaultMode(text)).toBe(mode);
  });
});
