// node_xfrm_* from /proc/net/xfrm_stat (node_exporter's collector/xfrm.go): the kernel's IPsec (XFRM)
// error counters, one counter family each. Off by default, as in node_exporter.
import type { CollectorDefinition } from '../collector.ts';
import { parseXfrmStat } from '../procfs/xfrmStat.ts';

/** node_exporter's families: the kernel's counter name, the metric name's middle part, and the HELP text. */
const COUNTERS: ReadonlyArray<readonly [kernel: string, name: string, help: string]> = [
  ['XfrmInError', 'in_error', 'All errors not matched by other'],
  ['XfrmInBufferError', 'in_buffer_error', 'No buffer is left'],
  ['XfrmInHdrError', 'in_hdr_error', 'Header error'],
  ['XfrmInNoStates', 'in_no_states', 'No state is found i.e. Either inbound SPI, address, or IPsec protocol at SA is wrong'],
  ['XfrmInStateProtoError', 'in_state_proto_error', 'Transformation protocol specific error e.g. SA key is wrong'],
  ['XfrmInStateModeError', 'in_state_mode_error', 'Transformation mode specific error'],
  ['XfrmInStateSeqError', 'in_state_seq_error', 'Sequence error i.e. Sequence number is out of window'],
  ['XfrmInStateExpired', 'in_state_expired', 'State is expired'],
  ['XfrmInStateMismatch', 'in_state_mismatch', 'State has mismatch option e.g. UDP encapsulation type is mismatch'],
  ['XfrmInStateInvalid', 'in_state_invalid', 'State is invalid'],
  ['XfrmInTmplMismatch', 'in_tmpl_mismatch', 'No matching template for states e.g. Inbound SAs are correct but SP rule is wrong'],
  ['XfrmInNoPols', 'in_no_pols', 'No policy is found for states e.g. Inbound SAs are correct but no SP is found'],
  ['XfrmInPolBlock', 'in_pol_block', 'Policy discards'],
  ['XfrmInPolError', 'in_pol_error', 'Policy error'],
  ['XfrmOutError', 'out_error', 'All errors which is not matched others'],
  ['XfrmOutBundleGenError', 'out_bundle_gen_error', 'Bundle generation error'],
  ['XfrmOutBundleCheckError', 'out_bundle_check_error', 'Bundle check error'],
  ['XfrmOutNoStates', 'out_no_states', 'No state is found'],
  ['XfrmOutStateProtoError', 'out_state_proto_error', 'Transformation protocol specific error'],
  ['XfrmOutStateModeError', 'out_state_mode_error', 'Transformation mode specific error'],
  ['XfrmOutStateSeqError', 'out_state_seq_error', 'Sequence error i.e. Sequence number overflow'],
  ['XfrmOutStateExpired', 'out_state_expired', 'State is expired'],
  ['XfrmOutPolBlock', 'out_pol_block', 'Policy discards'],
  ['XfrmOutPolDead', 'out_pol_dead', 'Policy is dead'],
  ['XfrmOutPolError', 'out_pol_error', 'Policy error'],
  ['XfrmFwdHdrError', 'fwd_hdr_error', 'Forward routing of a packet is not allowed'],
  ['XfrmOutStateInvalid', 'out_state_invalid', 'State is invalid, perhaps expired'],
  ['XfrmAcquireError', 'acquire_error', 'State hasn’t been fully acquired before use'],
];

export const xfrm: CollectorDefinition = {
  name: 'xfrm',
  defaultEnabled: false,
  help: 'Exposes statistics from /proc/net/xfrm_stat.',
  create: () => ({
    async update(ctx) {
      // node_exporter fails (not "no data") without the file: a kernel without CONFIG_XFRM_STATISTICS.
      const stat = parseXfrmStat(ctx.kernel.readTextSync(ctx.kernel.proc('net', 'xfrm_stat')));
      for (const [kernel, name, help] of COUNTERS) {
        // A counter this kernel does not have is 0, as in node_exporter; one whose line is unreadable is left out.
        if (stat.malformed.has(kernel)) continue;
        ctx.counter(`node_xfrm_${name}_packets_total`, help).set(stat.values.get(kernel) ?? 0);
      }
    },
  }),
};
