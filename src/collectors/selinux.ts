// node_selinux_{enabled,config_mode,current_mode} (node_exporter's collector/selinux_linux.go over
// go-selinux). SELinux counts as enabled when selinuxfs answers at <sysfs>/fs/selinux (its "enforce"
// file) and this process's label is not "kernel"; the modes are go-selinux's: 1 enforcing,
// 0 permissive, -1 disabled. selinuxfs and /proc/thread-self/attr are kernel memory (synchronous);
// the configuration, <rootfs>/etc/selinux/config, is a file on a disk (read asynchronously).
import type { CollectorDefinition } from '../collector.ts';
import { parseGoInt64Base10 } from '../goparse.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { selinuxDefaultMode } from '../rootfs/selinuxConfig.ts';

export const selinux: CollectorDefinition = {
  name: 'selinux',
  defaultEnabled: true,
  help: 'Exposes SELinux statistics.',
  create: () => ({
    async update(ctx) {
      const { kernel } = ctx;
      const enforce = kernel.readTextOptionalSync(kernel.sys('fs', 'selinux', 'enforce'));
      // go-selinux's CurrentLabel(): an unreadable label does not disable it, only the label "kernel" does.
      const label = enforce === undefined ? undefined : kernel.readTextOptionalSync(kernel.proc('thread-self', 'attr', 'current'))?.replace(/\0+$/, '').trim();
      const enabled = enforce !== undefined && label !== 'kernel';
      ctx.gauge('node_selinux_enabled', 'SELinux is enabled, 1 is true, 0 is false').set(enabled ? 1 : 0);
      if (!enabled) return;
      let config: string | undefined;
      try {
        config = await kernel.readTextFile(kernel.rootfs('etc', 'selinux', 'config'));
      } catch (err) {
        if (!isNotFound(err)) ctx.log.debug('cannot read the SELinux configuration', { collector: 'selinux', err: String(err) });
      }
      ctx.gauge('node_selinux_config_mode', 'Configured SELinux enforcement mode').set(selinuxDefaultMode(config));
      // strconv.Atoi of the file as it is ("1", no newline, from selinuxfs); anything else is -1.
      ctx.gauge('node_selinux_current_mode', 'Current SELinux enforcement mode').set(parseGoInt64Base10(enforce) ?? -1);
    },
  }),
};
