// /sys/class/dmi/id/: the SMBIOS strings the firmware gave the kernel (prometheus/procfs's
// sysfs.DMIClass), and node_exporter's dmi collector's label for each file.
//   bios_vendor "American Megatrends Inc."   board_name "A2SDi-4C-HLN4F"   sys_vendor "Supermicro"

/** File name -> label of node_dmi_info, sorted by label. chassis_type is read by procfs but not exported. */
export const DMI_LABELS: ReadonlyArray<readonly [file: string, label: string]> = [
  ['bios_date', 'bios_date'],
  ['bios_release', 'bios_release'],
  ['bios_vendor', 'bios_vendor'],
  ['bios_version', 'bios_version'],
  ['board_asset_tag', 'board_asset_tag'],
  ['board_name', 'board_name'],
  ['board_serial', 'board_serial'],
  ['board_vendor', 'board_vendor'],
  ['board_version', 'board_version'],
  ['chassis_asset_tag', 'chassis_asset_tag'],
  ['chassis_serial', 'chassis_serial'],
  ['chassis_vendor', 'chassis_vendor'],
  ['chassis_version', 'chassis_version'],
  ['product_family', 'product_family'],
  ['product_name', 'product_name'],
  ['product_serial', 'product_serial'],
  ['product_sku', 'product_sku'],
  ['product_uuid', 'product_uuid'],
  ['product_version', 'product_version'],
  ['sys_vendor', 'system_vendor'],
];

/** The files the reader reads (those of DMI_LABELS). */
export const DMI_FILES: ReadonlySet<string> = new Set(DMI_LABELS.map(([f]) => f));

/** The labels of node_dmi_info from the files that could be read (file -> text); empty when there are none. */
export function dmiInfoLabels(files: ReadonlyMap<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [file, label] of DMI_LABELS) {
    const v = files.get(file);
    if (v !== undefined) labels[label] = v;
  }
  return labels;
}
