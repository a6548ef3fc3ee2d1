// node_dmi_info from /sys/class/dmi/id (node_exporter's collector/dmi.go on prometheus/procfs's
// sysfs.DMIClass): what the firmware says the machine is. node_exporter reads it once, when the
// collector is created; here on the first scrape that succeeds, then kept (it changes only at reboot).
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { readDmi } from '../kernel/dmi.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { dmiInfoLabels } from '../sysfs/dmi.ts';

const HELP =
  "A metric with a constant '1' value labeled by bios_date, bios_release, bios_vendor, bios_version, " +
  'board_asset_tag, board_name, board_serial, board_vendor, board_version, chassis_asset_tag, ' +
  'chassis_serial, chassis_vendor, chassis_version, product_family, product_name, product_serial, ' +
  'product_sku, product_uuid, product_version, system_vendor if provided by DMI.';

export const dmi: CollectorDefinition = {
  name: 'dmi',
  defaultEnabled: true,
  help: 'Expose Desktop Management Interface (DMI) info from /sys/class/dmi/id/',
  create: () => {
    let labels: Record<string, string> | undefined;
    return {
      async update(ctx) {
        if (labels === undefined) {
          try {
            labels = dmiInfoLabels(readDmi(ctx.kernel));
          } catch (err) {
            if (!isNotFound(err)) throw err;
            labels = {}; // the platform has no DMI: nothing to read again
          }
        }
        if (Object.keys(labels).length === 0) throw new NoDataError('no DMI information');
        ctx.samples('node_dmi_info', HELP, 'gauge').add('node_dmi_info', labels, 1);
      },
    };
  },
};
