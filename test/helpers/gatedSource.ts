// A scrape source for server tests whose scrapes wait until released, to hold requests in flight.
import type { ScrapeSource } from '../../src/server.ts';

export function gatedSource(text = '# TYPE x gauge\nx 1\n'): ScrapeSource & { release(): void; started: number } {
  let open: () => void = () => {};
  const gate = new Promise<void>((r) => (open = r));
  const src = {
    started: 0,
    release: () => open(),
    async scrape() {
      src.started++;
      await gate;
      return text;
    },
  };
  return src;
}
