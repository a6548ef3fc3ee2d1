import { describe, expect, it } from 'vitest';
import {
  baseChipName,
  chipLabels,
  cleanMetricName,
  deviceLinkOf,
  explodeSensorFilename,
  humanChipName,
  sensorKeyOf,
  sensorSamples,
} from '../../src/sysfs/hwmon.ts';
import { parseGoFloat } from '../../src/goparse.ts';
import { toValidUtf8 } from '../../src/gostrings.ts';
import type { HwmonSample } from '../../src/sysfs/hwmon.ts';

describe('cleanMetricName', () => {
  it.each([
    ['coretemp', 'coretemp'],
    ['Core 0', 'core_0'],
    ['applesmc.768', 'applesmc_768'],
    ['0000:00:1f.3', '0000:00:1f_3'],
    ['asus-nb-wmi', 'asus_nb_wmi'],
    ['mt7996_phy0.0\n', 'mt7996_phy0_0'],
    ['__x__', 'x'],
    ['!!!', ''],
    ['', ''],
  ])('%j -> %j', (input, want) => {
    expect(cleanMetricName(input)).toBe(want);
  });
});

describe('explodeSensorFilename / sensorKeyOf', () => {
  it.each([
    ['temp1_input', { type: 'temp', num: '1', property: 'input' }],
    ['temp1_crit_alarm', { type: 'temp', num: '1', property: 'crit_alarm' }],
    ['pwm1', { type: 'pwm', num: '1', property: '' }],
    ['pwm1_auto_point1_pwm', { type: 'pwm', num: '1', property: 'auto_point1_pwm' }],
    ['in0_input', { type: 'in', num: '0', property: 'input' }],
    ['temp01_input', { type: 'temp', num: '1', property: 'input' }],
    ['vrm', { type: 'vrm', num: '0', property: '' }],
    ['beep_enable', { type: 'beep_enable', num: '0', property: '' }],
    ['update_interval', { type: 'update_interval', num: '0', property: '' }],
    // no digits: the whole name is the type
    ['fan_max', { type: 'fan_max', num: '0', property: '' }],
    ['trip_point_0_temp', { type: 'trip_point_', num: '0', property: 'temp' }],
  ])('%s', (name, want) => {
    expect(explodeSensorFilename(name)).toEqual(want);
  });
  it.each(['1temp', '', '5'])('rejects %j', (name) => {
    expect(explodeSensorFilename(name)).toBeUndefined();
  });
  it('rejects an index beyond int64', () => {
    expect(explodeSensorFilename('temp99999999999999999999_input')).toBeUndefined();
  });
  it.each([
    ['temp1_input', { sensor: 'temp1', property: 'input' }],
    ['power', { sensor: 'power0', property: '' }],
    ['intrusion0_alarm', { sensor: 'intrusion0', property: 'alarm' }],
    ['freq1_label', { sensor: 'freq1', property: 'label' }],
    ['name', undefined],
    ['device', undefined],
    ['uevent', undefined],
    ['throttle1', undefined],
    ['current_link_speed', undefined],
    ['trip_point_0_temp', undefined],
  ])('sensorKeyOf(%s)', (name, want) => {
    expect(sensorKeyOf(name)).toEqual(want);
  });
});

describe('parseGoFloat', () => {
  it.each([
    ['55000', 55000],
    ['-7250', -7250],
    ['+3', 3],
    ['1.5', 1.5],
    ['1.', 1],
    ['.5', 0.5],
    ['1e3', 1000],
    ['2E-3', 0.002],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
  ])('%j -> %d', (text, want) => {
    expect(parseGoFloat(text)).toBe(want);
  });
  it('parses nan', () => {
    expect(parseGoFloat('NaN')).toBeNaN();
  });
  it.each(['', ' 1', '1 ', '1\n', 'abc', '0x10', '1_000', '.', 'e5', '1e', '1e400', '--1', '+nan', 'infinit'])('rejects %j', (text) => {
    expect(parseGoFloat(text)).toBeUndefined();
  });
});

describe('chip names', () => {
  it.each([
    ['/sys/devices/platform/coretemp.0', { parent: 'platform', name: 'coretemp.0' }],
    ['/sys/devices/pci0000:00/0000:00:1f.3/', { parent: 'pci0000:00', name: '0000:00:1f.3' }],
    ['/', { parent: '', name: '' }],
  ])('deviceLinkOf(%s)', (path, want) => {
    expect(deviceLinkOf(path)).toEqual(want);
  });
  it.each([
    ['device link wins over the name file', { parent: 'platform', name: 'coretemp.0' }, 'coretemp\n', 'hwmon0', 'platform_coretemp_0'],
    ['PCI device keeps colons', { parent: '0000:00:00.0', name: '0000:01:00.0' }, 'ath10k_hwmon\n', 'hwmon3', '0000:00:00_0_0000:01:00_0'],
    ['thermal zone (virtual device)', { parent: 'thermal', name: 'thermal_zone0' }, 'cpu_thermal\n', 'hwmon0', 'thermal_thermal_zone0'],
    ['device without a usable parent', { parent: '!!', name: 'phy0' }, undefined, 'hwmon1', 'phy0'],
    ['name file when there is no device', undefined, 'nct6779\n', 'hwmon3', 'nct6779'],
    ['unusable device and name: the hwmonN directory', { parent: '', name: '..' }, '!!\n', 'hwmon4', 'hwmon4'],
    ['nothing at all', undefined, undefined, 'hwmon4', 'hwmon4'],
  ])('baseChipName: %s', (_what, device, nameFile, dir, want) => {
    expect(baseChipName(device, nameFile, dir)).toBe(want);
  });
  it('baseChipName: undefined when even the directory name is unusable', () => {
    expect(baseChipName(undefined, '', '...')).toBeUndefined();
  });
  it.each([
    ['coretemp\n', 'coretemp'],
    ['mt7996_phy0.1\n', 'mt7996_phy0_1'],
    ['', undefined],
    ['---\n', undefined],
    [undefined, undefined],
  ])('humanChipName(%j)', (text, want) => {
    expect(humanChipName(text)).toBe(want);
  });
});

describe('chipLabels', () => {
  it('leaves unique names alone', () => {
    expect(
      chipLabels([
        { entry: 'hwmon0', base: 'platform_coretemp_0', humanName: 'coretemp' },
        { entry: 'hwmon1', base: 'platform_coretemp_1', humanName: 'coretemp' },
      ]),
    ).toEqual(['platform_coretemp_0', 'platform_coretemp_1']);
  });
  it('suffixes colliding chips with their name file', () => {
    expect(
      chipLabels([
        { entry: 'hwmon8', base: 'ieee80211_phy0', humanName: 'mt7996_phy0_0' },
        { entry: 'hwmon9', base: 'ieee80211_phy0', humanName: 'mt7996_phy0_1' },
        { entry: 'hwmon6', base: 'platform_asus_nb_wmi', humanName: 'asus' },
        { entry: 'hwmon7', base: 'platform_asus_nb_wmi', humanName: 'asus_wmi_sensors' },
        { entry: 'hwmon2', base: 'platform_pwm_fan', humanName: 'pwmfan' },
      ]),
    ).toEqual(['ieee80211_phy0_mt7996_phy0_0', 'ieee80211_phy0_mt7996_phy0_1', 'platform_asus_nb_wmi_asus', 'platform_asus_nb_wmi_asus_wmi_sensors', 'platform_pwm_fan']);
  });
  it('falls back to hwmonN when the name does not tell them apart or is missing', () => {
    expect(
      chipLabels([
        { entry: 'hwmon3', base: 'platform_asus_nb_wmi', humanName: 'asus' },
        { entry: 'hwmon4', base: 'platform_asus_nb_wmi', humanName: 'asus' },
        { entry: 'hwmon5', base: 'platform_asus_nb_wmi', humanName: undefined },
        { entry: 'hwmon6', base: 'platform_asus_nb_wmi', humanName: 'asus_wmi_sensors' },
      ]),
    ).toEqual(['platform_asus_nb_wmi_hwmon3', 'platform_asus_nb_wmi_hwmon4', 'platform_asus_nb_wmi_hwmon5', 'platform_asus_nb_wmi_asus_wmi_sensors']);
  });
});

const props = (o: Record<string, string>): Map<string, string> => new Map(Object.entries(o));
const brief = (s: HwmonSample[]): [string, string, number, string][] => s.map((x) => [x.name, x.sensor, x.value, x.kind]);

describe('sensorSamples', () => {
  it('temperatures: millidegrees to celsius, alarms keep the unit suffix except plain alarm', () => {
    const s = sensorSamples('temp1', props({ input: '55000', crit: '100000', crit_alarm: '0', min: '-5000', alarm: '1', label: 'Core 0', fault: '0', beep: '1' }));
    expect(brief(s)).toEqual([
      ['node_hwmon_temp_alarm', 'temp1', 1, 'gauge'],
      ['node_hwmon_temp_beep_enabled', 'temp1', 1, 'gauge'],
      ['node_hwmon_temp_crit_celsius', 'temp1', 100, 'gauge'],
      ['node_hwmon_temp_crit_alarm_celsius', 'temp1', 0, 'gauge'],
      ['node_hwmon_temp_fault', 'temp1', 0, 'gauge'],
      ['node_hwmon_temp_celsius', 'temp1', 55, 'gauge'],
      ['node_hwmon_temp_min_celsius', 'temp1', -5, 'gauge'],
    ]);
    expect(s.find((x) => x.name === 'node_hwmon_temp_celsius')?.help).toBe('Hardware monitor for temperature (input)');
    expect(s.find((x) => x.name === 'node_hwmon_temp_alarm')?.help).toBe('Hardware sensor alarm status (temp)');
    expect(s.find((x) => x.name === 'node_hwmon_temp_beep_enabled')?.help).toBe('Hardware monitor sensor has beeping enabled');
  });
  it('temperature given both as temp1 and temp1_input', () => {
    const s = sensorSamples('temp1', props({ '': '40000', input: '41000' }));
    expect(brief(s)).toEqual([
      ['node_hwmon_temp_celsius', 'temp1', 40, 'gauge'],
      ['node_hwmon_temp_input_celsius', 'temp1', 41, 'gauge'],
    ]);
    expect(s.map((x) => x.help)).toEqual(['Hardware monitor for temperature (input)', 'Hardware monitor for temperature (input)']);
  });
  it('temp type attribute is passed through', () => {
    expect(brief(sensorSamples('temp2', props({ type: '4' })))).toEqual([['node_hwmon_temp_type', 'temp2', 4, 'gauge']]);
  });
  it('voltages, currents, power, energy, humidity', () => {
    expect(brief(sensorSamples('in0', props({ input: '3291', max: '3600' })))).toEqual([
      ['node_hwmon_in_volts', 'in0', 3.291, 'gauge'],
      ['node_hwmon_in_max_volts', 'in0', 3.6, 'gauge'],
    ]);
    expect(brief(sensorSamples('cpu0', props({ vid: '1100' })))).toEqual([['node_hwmon_cpu_vid_volts', 'cpu0', 1.1, 'gauge']]);
    expect(brief(sensorSamples('curr1', props({ input: '6' })))).toEqual([['node_hwmon_curr_amps', 'curr1', 0.006, 'gauge']]);
    expect(brief(sensorSamples('power1', props({ input: '575', accuracy: '50000', average_interval: '1000', average_interval_max: '5000', cap: '2000000' })))).toEqual([
      ['node_hwmon_power_accuracy', 'power1', 0.05, 'gauge'],
      ['node_hwmon_power_average_interval_seconds', 'power1', 1, 'gauge'],
      ['node_hwmon_power_average_interval_max_seconds', 'power1', 5, 'gauge'],
      ['node_hwmon_power_cap_watt', 'power1', 2, 'gauge'],
      ['node_hwmon_power_watt', 'power1', 0.000575, 'gauge'],
    ]);
    expect(brief(sensorSamples('energy1', props({ input: '123456789' })))).toEqual([['node_hwmon_energy_joule_total', 'energy1', 123.456789, 'counter']]);
    const h = sensorSamples('humidity1', props({ input: '45500' }));
    expect(brief(h)).toEqual([['node_hwmon_humidity', 'humidity1', 0.0455, 'gauge']]);
    expect(h[0]?.help).toBe('Hardware monitor for humidity, as a ratio (multiply with 100.0 to get the humidity as a percentage) (input)');
  });
  it('fans: rpm for input/min/max/target, the rest passed through', () => {
    expect(brief(sensorSamples('fan1', props({ input: '2910', target: '3000', min: '0', max: '6000', pulses: '2', label: 'case' })))).toEqual([
      ['node_hwmon_fan_rpm', 'fan1', 2910, 'gauge'],
      ['node_hwmon_fan_max_rpm', 'fan1', 6000, 'gauge'],
      ['node_hwmon_fan_min_rpm', 'fan1', 0, 'gauge'],
      ['node_hwmon_fan_pulses', 'fan1', 2, 'gauge'],
      ['node_hwmon_fan_target_rpm', 'fan1', 3000, 'gauge'],
    ]);
  });
  it('pwm: the bare pwm1 file and its attributes', () => {
    const s = sensorSamples('pwm1', props({ '': '128', enable: '1', auto_point1_pwm: '153' }));
    expect(brief(s)).toEqual([
      ['node_hwmon_pwm', 'pwm1', 128, 'gauge'],
      ['node_hwmon_pwm_auto_point1_pwm', 'pwm1', 153, 'gauge'],
      ['node_hwmon_pwm_enable', 'pwm1', 1, 'gauge'],
    ]);
    expect(s[0]?.help).toBe('Hardware monitor pwm element ');
    expect(s[2]?.help).toBe('Hardware monitor pwm element enable');
  });
  it('freq: only labelled inputs, in MHz, with the label as sensor', () => {
    expect(brief(sensorSamples('freq1', props({ input: '214000000', label: 'sclk' })))).toEqual([['node_hwmon_freq_freq_mhz', 'sclk', 214, 'gauge']]);
    expect(brief(sensorSamples('freq2', props({ input: '300000000' })))).toEqual([]);
  });
  it('intrusion alarms', () => {
    expect(brief(sensorSamples('intrusion0', props({ alarm: '1', beep: '0' })))).toEqual([
      ['node_hwmon_intrusion_alarm', 'intrusion0', 1, 'gauge'],
      ['node_hwmon_intrusion_beep_enabled', 'intrusion0', 0, 'gauge'],
    ]);
  });
  it('beep_enable, vrm and update_interval', () => {
    expect(brief(sensorSamples('beep_enable0', props({ '': '1' })))).toEqual([['node_hwmon_beep_enabled', 'beep_enable0', 1, 'gauge']]);
    expect(brief(sensorSamples('beep_enable0', props({ '': 'yes' })))).toEqual([['node_hwmon_beep_enabled', 'beep_enable0', 0, 'gauge']]);
    expect(brief(sensorSamples('vrm0', props({ '': '10' })))).toEqual([['node_hwmon_voltage_regulator_version', 'vrm0', 10, 'gauge']]);
    expect(brief(sensorSamples('vrm0', props({ '': 'x' })))).toEqual([]);
    expect(brief(sensorSamples('update_interval0', props({ '': '1000' })))).toEqual([['node_hwmon_update_interval_seconds', 'update_interval0', 1, 'gauge']]);
  });
  it('odd property names are cleaned', () => {
    expect(brief(sensorSamples('temp1', props({ 'Foo-Bar': '1000' })))).toEqual([['node_hwmon_temp_foo_bar_celsius', 'temp1', 1, 'gauge']]);
  });
  it('skips values that are not numbers (empty, garbage, out of range) and keeps the rest', () => {
    expect(brief(sensorSamples('fan1', props({ input: '', safe: '', min: 'N/A', max: '1e999', output: '2000' })))).toEqual([['node_hwmon_fan_output', 'fan1', 2000, 'gauge']]);
  });
});

describe('toValidUtf8', () => {
  it.each([
    ['plain ASCII', [0x43, 0x6f, 0x72, 0x65], 'Core'],
    ['valid multibyte', [0xc2, 0xb0, 0x43], '°C'],
    ['one run of invalid bytes becomes one replacement', [0x41, 0xff, 0xfe, 0x42], 'A\uFFFDB'],
    ['two runs', [0xff, 0x41, 0xc0, 0x80], '\uFFFDA\uFFFD'],
    ['truncated sequence at the end', [0x41, 0xe2, 0x82], 'A\uFFFD'],
    ['surrogate encoding is invalid', [0xed, 0xa0, 0x80], '\uFFFD'],
    ['empty', [], ''],
  ])('%s', (_what, bytes, want) => {
    expect(toValidUtf8(Uint8Array.from(bytes))).toBe(want);
  });
});
