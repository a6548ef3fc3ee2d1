// IP addresses as Go's net.IP.String() writes them (node_exporter puts them in labels that way): IPv4 and
// IPv4-mapped IPv6 as dotted quads, other IPv6 in RFC 5952 form (lower case, no leading zeros, the
// longest run of two or more zero groups as "::", the first of equal runs).

/** net.IP.String() of a 4- or 16-byte address. */
export function formatGoIP(ip: Uint8Array): string {
  if (ip.length === 4) return ip.join('.');
  if (ip.length !== 16) throw new Error(`an IP address has 4 or 16 bytes, not ${ip.length}`);
  if (ip.subarray(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff) return ip.subarray(12).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip[i] as number) << 8) | (ip[i + 1] as number));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (from: number, to: number): string =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  if (bestLen < 2) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

/**
 * The 16 bytes of an IPv6 address written as eight colon-separated groups of 1-4 hex digits (the kernel's
 * %pI6, "fe80:0000:...:0001"); undefined for anything else (no "::" shorthand, no embedded IPv4).
 */
export function parseIPv6Groups(s: string): Uint8Array | undefined {
  const parts = s.split(':');
  if (parts.length !== 8 || !parts.every((p) => /^[0-9a-fA-F]{1,4}$/.test(p))) return undefined;
  const out = new Uint8Array(16);
  parts.forEach((p, i) => {
    const g = parseInt(p, 16);
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}
