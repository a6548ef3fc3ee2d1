// /sys/devices/system/edac/mc/: memory controllers' error counters (Documentation/admin-guide/ras.rst),
// as node_exporter's edac collector names and reads them: mc<N>/{ce,ue}_count and
// {ce,ue}_noinfo_count, csrow<M>/{ce,ue}_count, csrow<M>/ch<K>_{ce,ue}_count and ch<K>_dimm_label.
import { parseGoUint64Base10 } from '../goparse.ts';

const CONTROLLER = /^mc([0-9]*)/;
const CSROW = /^csrow([0-9]*)/;
const CHANNEL_CE = /ch([0-9]+)_ce_count/;

/** The number of a controller directory matched by node_exporter's glob mc[0-9]* ("mc0" -> "0"), else undefined. */
export function edacControllerNumber(entry: string): string | undefined {
  return /^mc[0-9]/.test(entry) ? (CONTROLLER.exec(entry)?.[1] as string) : undefined;
}

/** The number of a csrow directory (glob csrow[0-9]*), else undefined. */
export function edacCsrowNumber(entry: string): string | undefined {
  return /^csrow[0-9]/.test(entry) ? (CSROW.exec(entry)?.[1] as string) : undefined;
}

/** The channel of a ch*_ce_count file ("ch1_ce_count" -> "1"), else undefined (glob ch*_ce_count, then the regexp). */
export function edacChannelNumber(file: string): string | undefined {
  if (!file.startsWith('ch') || !file.endsWith('_ce_count')) return undefined;
  return CHANNEL_CE.exec(file)?.[1];
}

/** An error counter: util.ReadUintFromFile (trimmed, strconv.ParseUint(s, 10, 64)); throws when it does not parse. */
export function parseEdacCount(text: string): number {
  const v = parseEdacCountOptional(text);
  if (v === undefined) throw new Error(`invalid count ${JSON.stringify(text)}`);
  return v;
}

/** parseEdacCount, undefined instead of an error. */
export function parseEdacCountOptional(text: string): number | undefined {
  return parseGoUint64Base10(text.trim());
}

/** The dimm_label label: "unknown" without the file; '#' removed, "csrow"/"channel" prefixed with '_'. */
export function edacDimmLabel(text: string | undefined): string {
  if (text === undefined) return 'unknown';
  return text.trim().replaceAll('#', '').replaceAll('csrow', '_csrow').replaceAll('channel', '_channel');
}
