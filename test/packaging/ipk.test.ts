// The OpenWrt package (make ipk): unpacked the way opkg reads it, every member, field, mode and owner
// checked; the init and maintainer scripts through shellcheck; the init script's start_service run
// against procd/UCI stand-ins to see the command procd would start; that command (the packaged
// launcher, on this machine's node) started on the fixtures and scraped over 127.0.0.1.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/processes.ts';
import { FIXTURES, ROOT } from '../helpers/scrape.ts';
import { hasCommand } from '../helpers/tools.ts';
import { packagePath, parseControl, readTar, readTarGz, version } from './archive.ts';
import type { TarEntry } from './archive.ts';

const IPK = packagePath('all.ipk');
const NAME = 'linux-tiny-exporter';
const require_ = (await import('node:module')).createRequire(import.meta.url);
const { EXEC_ARGV } = require_(join(ROOT, 'build', 'sea.cjs')) as { EXEC_ARGV: string[] };
const router = join(FIXTURES, 'router');
const FIXTURE_ARGS = `--path.procfs=${join(router, 'proc')} --path.sysfs=${join(router, 'sys')} --path.rootfs=${router} --collector.timex.perl=${join(FIXTURES, 'adjtimex', 'fake-perl')}`;

let outer: TarEntry[];
let control: TarEntry[];
let data: TarEntry[];
let work: string;
const children: ChildProcess[] = [];

function member(entries: TarEntry[], name: string): TarEntry {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`${name} not in the archive: ${entries.map((x) => x.name).join(' ')}`);
  return e;
}

beforeAll(() => {
  if (!existsSync(IPK)) throw new Error(`${IPK} is missing: run make ipk (make test does)`);
  outer = readTarGz(readFileSync(IPK));
  control = readTarGz(member(outer, './control.tar.gz').data);
  data = readTarGz(member(outer, './data.tar.gz').data);
  work = mkdtempSync(join(tmpdir(), 'lte-ipk-'));
  // Unpacked as opkg does: data.tar.gz into the root (here a scratch directory), modes kept.
  for (const e of data) {
    const path = join(work, 'root', e.name);
    if (e.type === '5') mkdirSync(path, { recursive: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, e.data);
      chmodSync(path, e.mode);
    }
  }
});

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the .ipk file, as OpenWrt ipkg-build makes it', () => {
  it('is a gzip-compressed tar (not ar) of ./debian-binary, ./data.tar.gz, ./control.tar.gz, in that order', () => {
    const raw = readFileSync(IPK);
    expect([...raw.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(raw.subarray(0, 8).toString('latin1')).not.toBe('!<arch>\n');
    expect(gunzipSync(raw).subarray(257, 262).toString()).toBe('ustar');
    expect(outer.map((e) => e.name)).toEqual(['./debian-binary', './data.tar.gz', './control.tar.gz']);
    expect(member(outer, './debian-binary').data.toString()).toBe('2.0\n');
    for (const e of outer) expect([e.type, e.mode, e.uid, e.gid]).toEqual(['0', 0o644, 0, 0]);
  });

  it('is well under 150 KB', () => {
    const size = readFileSync(IPK).length;
    console.info(`${IPK}: ${size} bytes`);
    expect(size).toBeLessThan(150_000);
  });

  it('has the control fields opkg and the OpenWrt feeds use', () => {
    expect(control.map((e) => e.name).sort()).toEqual(['./', './conffiles', './control', './postinst', './prerm']);
    const fields = parseControl(member(control, './control').data.toString());
    expect([...fields.keys()]).toEqual(['Package', 'Version', 'Depends', 'Source', 'SourceName', 'License', 'Section', 'Require-User', 'Maintainer', 'Architecture', 'Installed-Size', 'Description']);
    // OpenWrt's USERID: the user (and group) the postinst creates and the service runs as.
    expect(fields.get('Require-User')).toBe(`${NAME}:${NAME}`);
    expect(fields.get('Package')).toBe(NAME);
    expect(fields.get('Version')).toBe(version());
    expect(fields.get('Depends')).toBe('node');
    expect(fields.get('Architecture')).toBe('all');
    expect(fields.get('License')).toBe('Apache-2.0');
    expect(fields.get('Maintainer')).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    // ipkg-build: Installed-Size is the byte size of the uncompressed data tar.
    expect(fields.get('Installed-Size')).toBe(String(gunzipSync(member(outer, './data.tar.gz').data).length));
    expect(IPK.endsWith(`/${NAME}_${version()}_all.ipk`)).toBe(true);
  });

  it('lists the UCI config as a conffile', () => {
    expect(member(control, './conffiles').data.toString()).toBe(`/etc/config/${NAME}\n`);
    expect(member(data, `./etc/config/${NAME}`).type).toBe('0');
  });

  it('holds exactly the expected files, owned by root, with their modes', () => {
    const files = data.filter((e) => e.type !== '5').map((e) => [e.name, e.mode.toString(8)]);
    expect(files).toEqual([
      [`./etc/config/${NAME}`, '644'],
      [`./etc/init.d/${NAME}`, '755'],
      [`./usr/bin/${NAME}`, '755'],
      [`./usr/lib/${NAME}/${NAME}.cjs`, '644'],
    ]);
    for (const e of [...data, ...control]) {
      expect([e.name, e.uid, e.gid]).toEqual([e.name, 0, 0]);
      if (e.type === '5') expect([e.name, e.mode]).toEqual([e.name, 0o755]);
    }
    expect(member(control, './postinst').mode).toBe(0o755);
    expect(member(control, './prerm').mode).toBe(0o755);
    // The bundle is the one `make build` made, unchanged.
    expect(member(data, `./usr/lib/${NAME}/${NAME}.cjs`).data.equals(readFileSync(join(ROOT, 'dist', `${NAME}.cjs`))), 'the .ipk holds another bundle than dist/: make ipk').toBe(true);
  });

  it('has a procd init script, and the maintainer scripts OpenWrt packages have (/lib/functions.sh)', () => {
    const init = member(data, `./etc/init.d/${NAME}`).data.toString();
    expect(init.startsWith('#!/bin/sh /etc/rc.common\n')).toBe(true);
    expect(init).toMatch(/^USE_PROCD=1$/m);
    expect(init).toMatch(/^START=\d+$/m);
    const postinst = member(control, './postinst').data.toString();
    const prerm = member(control, './prerm').data.toString();
    expect(postinst).toMatch(/^\. "\$\{IPKG_INSTROOT\}\/lib\/functions\.sh"$/m);
    expect(prerm).toMatch(/^\. "\$\{IPKG_INSTROOT\}\/lib\/functions\.sh"$/m);
  });

  /**
   * Runs a maintainer script with the functions.sh stand-in (test/fixtures/openwrt-stubs) in place of
   * OpenWrt's: as ${IPKG_INSTROOT}/lib/functions.sh of an image, or, on a "running router"
   * (IPKG_INSTROOT empty), with the script's /lib/functions.sh path pointed at it.
   */
  function runScript(name: string, intoImage: boolean, env: Record<string, string> = {}): string[] {
    const dir = mkdtempSync(join(work, 'script-'));
    const image = join(dir, 'image');
    mkdirSync(join(image, 'lib'), { recursive: true });
    writeFileSync(join(image, 'lib', 'functions.sh'), readFileSync(join(FIXTURES, 'openwrt-stubs', 'functions.sh')));
    const script = join(dir, name);
    let text = member(control, `./${name}`).data.toString();
    text = text.replace('/etc/init.d/linux-tiny-exporter restart', 'echo restart >>"$STUB_OUT/calls"');
    if (!intoImage) text = text.replaceAll('${IPKG_INSTROOT}/lib/functions.sh', `${image}/lib/functions.sh`);
    writeFileSync(script, text);
    execFileSync('sh', [script], { env: { PATH: process.env.PATH, STUB_OUT: dir, IPKG_INSTROOT: intoImage ? image : '', ...env } });
    return existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n') : [];
  }

  it('postinst: creates the user (add_group_and_user), enables and starts (default_postinst), restarts on a router', () => {
    expect(runScript('postinst', false)).toEqual([
      `add_group_and_user root= pkgname=${NAME} instroot= upgrade=unset`,
      `default_postinst root= pkgname=${NAME} instroot= upgrade=unset`,
      'restart',
    ]);
  });

  it('postinst into an image (IPKG_INSTROOT set): the user and the enabling go into the image, nothing is started', () => {
    const calls = runScript('postinst', true);
    expect(calls.length).toBe(2);
    expect(calls[0]).toMatch(new RegExp(`^add_group_and_user root=/\\S+/image pkgname=${NAME} instroot=/\\S+/image `));
    expect(calls[1]).toMatch(/^default_postinst root=\/\S+\/image /);
  });

  it('prerm: default_prerm (stops and disables); IPKG_NO_SCRIPT=1 skips the postinst', () => {
    expect(runScript('prerm', false)).toEqual([`default_prerm root= pkgname=${NAME} instroot= upgrade=unset`]);
    expect(runScript('postinst', false, { IPKG_NO_SCRIPT: '1' })).toEqual([]);
  });

  it('maintainer scripts do nothing where there is no /lib/functions.sh (not OpenWrt)', () => {
    for (const name of ['./postinst', './prerm']) {
      const script = join(work, name.slice(2));
      writeFileSync(script, member(control, name).data);
      execFileSync('sh', [script], { env: { PATH: process.env.PATH, IPKG_INSTROOT: join(work, 'image') } });
    }
  });

  it('passes shellcheck (init script, launcher, postinst, prerm)', (ctx) => {
    if (!hasCommand('shellcheck')) {
      console.warn('shellcheck not found (apt-get install shellcheck): the shellcheck test is skipped');
      ctx.skip();
    }
    const scripts = [join(work, 'root', 'etc', 'init.d', NAME), join(work, 'root', 'usr', 'bin', NAME)];
    for (const name of ['postinst', 'prerm']) {
      const path = join(work, `control-${name}`);
      writeFileSync(path, member(control, `./${name}`).data);
      scripts.push(path);
    }
    // The init script declares its dialect (shell=dash: OpenWrt's ash is a POSIX sh with `local`).
    execFileSync('shellcheck', ['-s', 'sh', ...scripts.slice(1)], { stdio: 'pipe' });
    execFileSync('shellcheck', [scripts[0]!], { stdio: 'pipe' });
  });
});

describe('the default UCI config', () => {
  it('is section main of type linux-tiny-exporter: enabled, loopback, port 9101', () => {
    const config = member(data, `./etc/config/${NAME}`).data.toString();
    expect(config).toMatch(/^config linux-tiny-exporter 'main'$/m);
    expect(config).toMatch(/^\toption enabled '1'$/m);
    expect(config).toMatch(/^\toption listen_interface 'loopback'$/m);
    expect(config).toMatch(/^\toption listen_port '9101'$/m);
  });

  it("turns the wifi collector on exactly when the bundle has one", () => {
    const config = member(data, `./etc/config/${NAME}`).data.toString();
    const help = execFileSync('node', [join(ROOT, 'dist', `${NAME}.cjs`), '--help'], { encoding: 'utf8' });
    const hasWifi = /--\[no-\]collector\.wifi\s/.test(help);
    expect(/^\tlist collector 'wifi'$/m.test(config)).toBe(hasWifi);
    expect(/^#\tlist collector 'wifi'$/m.test(config)).toBe(!hasWifi);
  });
});

interface InitRun {
  command: string[];
  params: string[];
  triggers: string[];
  log: string;
}

/** Runs the packaged init script's start_service and service_triggers with procd/UCI stand-ins. */
function runInit(uci: string, env: Record<string, string> = {}): InitRun {
  const dir = mkdtempSync(join(work, 'init-'));
  mkdirSync(join(dir, 'uci'));
  writeFileSync(join(dir, 'uci', NAME), uci);
  // network.sh is OpenWrt's: the stand-ins define its functions, so the script sources /dev/null.
  // The capabilities file is looked for in the scratch directory (STUB_CAPABILITIES, when given).
  const init = readFileSync(join(work, 'root', 'etc', 'init.d', NAME), 'utf8')
    .replace('. /lib/functions/network.sh', '. /dev/null')
    .replace(/^CAPABILITIES=.*$/m, `CAPABILITIES=${join(dir, 'capabilities.json')}`);
  if (env.STUB_CAPABILITIES) writeFileSync(join(dir, 'capabilities.json'), env.STUB_CAPABILITIES);
  expect(init).not.toContain('/lib/functions/network.sh');
  writeFileSync(join(dir, 'init'), init);
  const stubs = join(FIXTURES, 'openwrt-stubs', 'procd.sh');
  execFileSync('sh', ['-ec', `. "${stubs}"; . "${dir}/init"; start_service; service_triggers`], {
    env: { PATH: process.env.PATH, STUB_OUT: dir, STUB_UCI_DIR: join(dir, 'uci'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
  const lines = (f: string) => read(f).split('\n').filter((l) => l !== '');
  return { command: lines('command'), params: lines('params'), triggers: lines('triggers'), log: read('log') };
}

/** The packaged default config with some options replaced or added. */
function configWith(options: Record<string, string>, lists: string[] = []): string {
  let config = member(data, `./etc/config/${NAME}`).data.toString();
  for (const [k, v] of Object.entries(options)) {
    const line = `\toption ${k} '${v}'`;
    const re = new RegExp(`^#?\\s*option ${k} .*$`, 'm');
    config = re.test(config) ? config.replace(re, line) : `${config}${line}\n`;
  }
  return config + lists.map((l) => `\t${l}\n`).join('');
}

describe('the init script (procd, UCI)', () => {
  it('with the default config: listens on the loopback address, respawns, logs to logd, reloads on config change', () => {
    const run = runInit(configWith({}), { STUB_IPV4_loopback: '127.0.0.1' });
    expect(run.command[0]).toBe(`/usr/bin/${NAME}`);
    expect(run.command[1]).toBe('--web.listen-address=127.0.0.1:9101');
    expect(run.params).toEqual(expect.arrayContaining(['stdout 1', 'stderr 1', 'respawn ', 'closed']));
    // Unprivileged: the package's own system user, and no way back to privileges.
    expect(run.params).toEqual(expect.arrayContaining([`user ${NAME}`, 'no_new_privs 1']));
    expect(run.params.filter((p) => p.startsWith('capabilities'))).toEqual([]);
    expect(run.triggers).toEqual([`reload ${NAME}`, 'interface loopback']);
  });

  it("'*' listens on every address; collectors, web config and extra args become flags", () => {
    const run = runInit(
      configWith({ listen_interface: '*', listen_port: '9200', web_config_file: '/etc/lte/web.yml', extra_args: '--log.level=debug  --compat.tiny' }, [
        "list collector 'processes'",
        "list no_collector 'arp'",
        "list no_collector 'timex'",
      ]),
    );
    expect(run.command).toEqual(expect.arrayContaining(['--web.listen-address=:9200', '--collector.processes', '--no-collector.arp', '--no-collector.timex', '--web.config.file=/etc/lte/web.yml', '--log.level=debug', '--compat.tiny']));
    expect(run.command.filter((a) => a.startsWith('--web.listen-address'))).toEqual(['--web.listen-address=:9200']);
    expect(run.params).toContain('file /etc/lte/web.yml');
    expect(run.triggers).toEqual([`reload ${NAME}`]);
  });

  it('passes the capabilities file to procd when the administrator wrote one', () => {
    const run = runInit(configWith({}), { STUB_IPV4_loopback: '127.0.0.1', STUB_CAPABILITIES: '{"ambient":["CAP_DAC_READ_SEARCH"]}' });
    expect(run.params.filter((p) => p.startsWith('capabilities '))).toEqual([expect.stringMatching(/^capabilities \/\S+\/capabilities\.json$/)]);
    expect(run.params).toEqual(expect.arrayContaining([`user ${NAME}`, 'no_new_privs 1']));
  });

  it('passes the push config (remote write) as a flag, and reloads when it or the web config changes', () => {
    const pushOnly = runInit(configWith({ remote_write_config_file: '/etc/lte/remote write.yml' }), { STUB_IPV4_loopback: '127.0.0.1' });
    expect(pushOnly.command).toContain('--remote-write.config.file=/etc/lte/remote write.yml');
    expect(pushOnly.params).toContain('file /etc/lte/remote write.yml');
    const both = runInit(configWith({ web_config_file: '/etc/lte/web.yml', remote_write_config_file: '/etc/lte/rw.yml' }), { STUB_IPV4_loopback: '127.0.0.1' });
    expect(both.command).toEqual(expect.arrayContaining(['--web.config.file=/etc/lte/web.yml', '--remote-write.config.file=/etc/lte/rw.yml']));
    expect(both.params.filter((p) => p.startsWith('file '))).toEqual(['file /etc/lte/web.yml /etc/lte/rw.yml']);
    const neither = runInit(configWith({}), { STUB_IPV4_loopback: '127.0.0.1' });
    expect(neither.params.filter((p) => p.startsWith('file'))).toEqual([]);
  });

  it('listens on both addresses of an interface with IPv4 and IPv6', () => {
    const run = runInit(configWith({ listen_interface: 'lan' }), { STUB_IPV4_lan: '192.0.2.1', STUB_IPV6_lan: '2001:db8::1' });
    expect(run.command.filter((a) => a.startsWith('--web.listen-address'))).toEqual(['--web.listen-address=192.0.2.1:9101', '--web.listen-address=[2001:db8::1]:9101']);
    expect(run.triggers).toContain('interface lan');
  });

  it('defers the start while the interface has no address, and does nothing when disabled', () => {
    const noAddress = runInit(configWith({ listen_interface: 'wan' }));
    expect(noAddress.command).toEqual([]);
    expect(noAddress.log).toMatch(/wan has no address yet/);
    const disabled = runInit(configWith({ enabled: '0' }), { STUB_IPV4_loopback: '127.0.0.1' });
    expect(disabled.command).toEqual([]);
  });

  it('starts the packaged launcher on this machine\'s node with the small-heap flags; it serves the fixtures on 127.0.0.1', async () => {
    const port = await freePort();
    const run = runInit(configWith({ listen_port: String(port), extra_args: FIXTURE_ARGS }), { STUB_IPV4_loopback: '127.0.0.1' });
    expect(run.command[0]).toBe(`/usr/bin/${NAME}`);
    // procd would exec /usr/bin/linux-tiny-exporter: here, the unpacked copy of it.
    const child = spawn(join(work, 'root', 'usr', 'bin', NAME), run.command.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_OPTIONS: '--require=/nonexistent.js' } });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    let body = '';
    for (let i = 0; i < 100 && body === ''; i++) {
      if (child.exitCode !== null) throw new Error(`launcher exited ${child.exitCode}: ${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`);
        if (res.ok) body = await res.text();
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(body, stderr).toContain('node_load1 ');
    expect(body).toMatch(/^node_scrape_collector_success\{collector="cpu"\} 1$/m);
    expect(body).toMatch(/^node_timex_offset_seconds /m);
    // The launcher exec'd node with exactly the executables' V8 flags, before the bundle's path.
    const argv = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    expect(argv.slice(1, 1 + EXEC_ARGV.length)).toEqual(EXEC_ARGV);
    expect(argv[1 + EXEC_ARGV.length]).toMatch(/\/usr\/bin\/\.\.\/lib\/linux-tiny-exporter\/linux-tiny-exporter\.cjs$/);
    expect(stderr).toMatch(/level=info msg=listening address=127\.0\.0\.1:\d+/);
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (c) => r(c))));
    expect(code).toBe(0);
  });
});
