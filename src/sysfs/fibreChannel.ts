// /sys/class/fc_host/<host>/ and its statistics/ (the FC transport class, scsi_transport_fc), as
// prometheus/procfs's sysfs.FibreChannelClass reads them: the WWN-like attributes lose their "0x", the
// counters are strconv.ParseUint(s, 0, 64) ("0x13"); 0xffffffffffffffff is a counter the HBA does not
// implement, which node_exporter leaves out.
//   port_state "Online"   speed "16 Gbit"   port_id 0x000002   statistics/rx_frames 0x3
import { parseGoUint64 } from '../goparse.ts';

/** Host attributes, in the order of node_fibrechannel_info's labels after fc_host. */
export const FC_INFO_ATTRS = ['speed', 'port_state', 'port_type', 'port_id', 'port_name', 'fabric_name', 'symbolic_name', 'supported_classes', 'supported_speeds', 'dev_loss_tmo'] as const;
export type FcInfoAttr = (typeof FC_INFO_ATTRS)[number];

/** statistics/ file -> node_fibrechannel_<metric>. */
export const FC_COUNTERS: ReadonlyArray<readonly [file: string, metric: string, help: string]> = [
  ['dumped_frames', 'dumped_frames_total', 'Number of dumped frames'],
  ['error_frames', 'error_frames_total', 'Number of errors in frames'],
  ['invalid_crc_count', 'invalid_crc_total', 'Invalid Cyclic Redundancy Check count'],
  ['rx_frames', 'rx_frames_total', 'Number of frames received'],
  ['rx_words', 'rx_words_total', 'Number of words received by host port'],
  ['tx_frames', 'tx_frames_total', 'Number of frames transmitted by host port'],
  ['tx_words', 'tx_words_total', 'Number of words transmitted by host port'],
  ['seconds_since_last_reset', 'seconds_since_last_reset_total', 'Number of seconds since last host port reset'],
  ['invalid_tx_word_count', 'invalid_tx_words_total', 'Number of invalid words transmitted by host port'],
  ['link_failure_count', 'link_failure_total', 'Number of times the host port link has failed'],
  ['loss_of_sync_count', 'loss_of_sync_total', 'Number of failures on either bit or transmission word boundaries'],
  ['loss_of_signal_count', 'loss_of_signal_total', 'Number of times signal has been lost'],
  ['nos_count', 'nos_total', 'Number Not_Operational Primitive Sequence received by host port'],
  ['fcp_packet_aborts', 'fcp_packet_aborts_total', 'Number of aborted packets'],
];
export const FC_COUNTER_FILES: ReadonlySet<string> = new Set(FC_COUNTERS.map(([f]) => f));

const HEX_PREFIXED: ReadonlySet<FcInfoAttr> = new Set(['port_id', 'port_name', 'fabric_name']);
const NOT_IMPLEMENTED = 2n ** 64n - 1n;

export interface FcHost {
  readonly name: string;
  /** The info labels: '' for an attribute the driver does not expose. */
  readonly info: Record<FcInfoAttr, string>;
  /** Counters by statistics/ file name; absent when unimplemented (2^64-1) or not there. */
  readonly counters: ReadonlyMap<string, number>;
}

/**
 * One host from its attributes (absent when missing) and its statistics/ counter files (file -> text).
 * A host whose port_state is missing or "Unknown" (a disabled port) has all counters 0, as in
 * node_exporter. Throws on a counter that does not parse.
 */
export function parseFcHost(name: string, attrs: Partial<Record<FcInfoAttr, string>>, stats: ReadonlyMap<string, string>): FcHost {
  const info = {} as Record<FcInfoAttr, string>;
  for (const a of FC_INFO_ATTRS) {
    let v = attrs[a] ?? '';
    if (HEX_PREFIXED.has(a) && v.length > 2) v = v.slice(2);
    info[a] = v;
  }
  const counters = new Map<string, number>();
  if (attrs.port_state === undefined || attrs.port_state === 'Unknown') {
    for (const [file] of FC_COUNTERS) counters.set(file, 0);
    return { name, info, counters };
  }
  for (const [file, text] of stats) {
    if (!FC_COUNTER_FILES.has(file)) continue;
    const v = parseGoUint64(text);
    if (v === undefined) throw new Error(`fc_host ${name}: statistics/${file}: invalid number ${JSON.stringify(text)}`);
    if (v !== NOT_IMPLEMENTED) counters.set(file, Number(v));
  }
  return { name, info, counters };
}
