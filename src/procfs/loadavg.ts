// /proc/loadavg: "0.21 0.37 0.39 1/1153 12345"
export interface LoadAvg {
  readonly load1: number;
  readonly load5: number;
  readonly load15: number;
}

const NUMBER = /^\d+(?:\.\d+)?$/;

export function parseLoadavg(text: string): LoadAvg {
  const parts = text.trim().split(/\s+/);
  const [a, b, c] = parts;
  if (a === undefined || b === undefined || c === undefined || !NUMBER.test(a) || !NUMBER.test(b) || !NUMBER.test(c)) {
    throw new Error(`unexpected loadavg content: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return { load1: Number(a), load5: Number(b), load15: Number(c) };
}
