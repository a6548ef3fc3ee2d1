// HTTP basic authentication against bcrypt hashes, as exporter-toolkit does it: an unknown user costs
// as much as a known one (a decoy hash of the same cost), bcrypt runs one at a time, and a successful
// check is remembered so Prometheus' scrapes every 15 s do not pay bcrypt's cost again (on a router's
// CPU one cost-10 bcrypt in pure JavaScript can take a second or more).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { compare } from 'bcryptjs';

export type AuthResult = 'ok' | 'denied' | 'busy';

/** How many successful (user, hash, password) checks are remembered; oldest first out. */
const CACHE_SIZE = 64;
/** How many bcrypt checks may wait their turn; beyond that a request is answered 503 at once. */
const MAX_WAITING = 16;

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Splits an Authorization header value into user and password, or undefined when it is not Basic. */
export function parseBasicAuth(header: string | undefined): { user: string; password: string } | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export class BasicAuth {
  private readonly users: readonly { readonly digest: Buffer; readonly hash: string }[];
  private readonly decoy: string;
  /** HMAC keys of checks that succeeded: the password never stays in memory, not even hashed without a secret. */
  private readonly good = new Set<string>();
  private readonly cacheKey = randomBytes(32);
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(users: ReadonlyMap<string, string>) {
    this.users = [...users].map(([user, hash]) => ({ digest: sha256(user), hash }));
    // A hash that matches no password, with the highest cost among the users, for unknown user names.
    const cost = Math.max(4, ...[...users.values()].map((h) => Number(h.split('$')[2])));
    this.decoy = `$2b$${String(cost).padStart(2, '0')}$${'N'.repeat(22)}${'.'.repeat(31)}`;
  }

  get enabled(): boolean {
    return this.users.length > 0;
  }

  async check(header: string | undefined): Promise<AuthResult> {
    const creds = parseBasicAuth(header);
    if (creds === undefined) return 'denied';
    // Compare the user name with every configured one, without stopping at the first match.
    const given = sha256(creds.user);
    let hash: string | undefined;
    for (const u of this.users) if (timingSafeEqual(u.digest, given)) hash = u.hash;
    const known = hash !== undefined;
    const target = hash ?? this.decoy;
    const key = createHmac('sha256', this.cacheKey).update(`${target}\0${creds.user}\0${creds.password}`, 'utf8').digest('base64');
    if (known && this.good.has(key)) return 'ok';
    if (this.waiting >= MAX_WAITING) return 'busy';
    this.waiting++;
    const run = this.queue.then(() => compare(creds.password, target)).catch(() => false);
    this.queue = run;
    let ok: boolean;
    try {
      ok = await run;
    } finally {
      this.waiting--;
    }
    if (!ok || !known) return 'denied';
    if (this.good.size >= CACHE_SIZE) {
      const oldest = this.good.values().next().value;
      if (oldest !== undefined) this.good.delete(oldest);
    }
    this.good.add(key);
    return 'ok';
  }
}
