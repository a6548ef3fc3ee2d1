// udev's database entry of one device, /run/udev/data/b<major>:<minor> (see udevadm(8)): one record per
// line, a one-letter type, a colon and the data. "E:KEY=value" lines are the device properties:
//   S:disk/by-id/ata-TOSHIBA_KSDB4U866TE_2160A0D5FVGG
//   E:ID_MODEL=TOSHIBA_KSDB4U86
//   E:ID_FS_TYPE=ext4

/** Device properties from the E: lines; a later line for the same key wins. Other lines are ignored. */
export function parseUdevDeviceProperties(text: string): Map<string, string> {
  const props = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('E:')) continue;
    const eq = line.indexOf('=', 2);
    if (eq < 0) continue;
    props.set(line.slice(2, eq), line.slice(eq + 1));
  }
  return props;
}
