// The Remote-Write 1.0 WriteRequest (prometheus/prompb remote.proto, types.proto) as protobuf bytes.
// Only the fields Remote-Write 1.0 uses are written; the message is small and fixed, so it is encoded
// by hand in two passes (sizes, then bytes into one buffer) rather than through a protobuf library.
// The push path's own requests are written by encodeSamples: each series' labels encoded once, when the
// series is first seen (encodeLabels), then per request only copied, beside that interval's values.
//
//   WriteRequest   { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
//   TimeSeries     { repeated Label labels = 1; repeated Sample samples = 2; }
//   Label          { string name = 1; string value = 2; }
//   Sample         { double value = 1; int64 timestamp = 2; }
//   MetricMetadata { MetricType type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }

export interface Sample {
  readonly value: number;
  /** Milliseconds since the epoch. */
  readonly timestampMs: number;
}

export interface TimeSeries {
  /** Sorted by name, __name__ included. */
  readonly labels: readonly (readonly [string, string])[];
  readonly samples: readonly Sample[];
}

/** prompb MetricMetadata.MetricType. */
export const METRIC_TYPE = { unknown: 0, counter: 1, gauge: 2, histogram: 3, gaugehistogram: 4, summary: 5, info: 6, stateset: 7 } as const;

export interface MetricMetadata {
  readonly type: (typeof METRIC_TYPE)[keyof typeof METRIC_TYPE];
  readonly family: string;
  readonly help: string;
  readonly unit: string;
}

export interface WriteRequest {
  readonly timeseries: readonly TimeSeries[];
  readonly metadata: readonly MetricMetadata[];
}

// Tags: field number << 3 | wire type (0 varint, 1 fixed64, 2 length-delimited).
const TAG_TIMESERIES = 0x0a;
const TAG_METADATA = 0x1a;
const TAG_LABELS = 0x0a;
const TAG_SAMPLES = 0x12;
const TAG_NAME = 0x0a;
const TAG_VALUE = 0x12;
const TAG_SAMPLE_VALUE = 0x09;
const TAG_SAMPLE_TIMESTAMP = 0x10;
const TAG_MD_TYPE = 0x08;
const TAG_MD_FAMILY = 0x12;
const TAG_MD_HELP = 0x22;
const TAG_MD_UNIT = 0x2a;

/** Bytes of a varint for a whole number 0 <= n < 2^53. */
function varintSize(n: number): number {
  if (n < 0x80) return 1;
  if (n < 0x4000) return 2;
  if (n < 0x200000) return 3;
  if (n < 0x10000000) return 4;
  let size = 4;
  n = Math.floor(n / 0x10000000);
  while (n > 0) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Bytes of an int64 varint: a negative number takes ten (two's complement, as protobuf writes int64). */
function int64Size(n: number): number {
  return n < 0 ? 10 : varintSize(n);
}

/** A length-delimited field: tag, length, bytes. */
function fieldSize(len: number): number {
  return 1 + varintSize(len) + len;
}

/**
 * UTF-8 length of a string, as Buffer.byteLength counts it (a lone surrogate becomes U+FFFD, 3 bytes);
 * in JavaScript, because a native call per label name and value costs more than the loop for the short
 * ASCII strings labels are.
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: two UTF-16 units, four bytes
      i++;
    } else n += 2;
  }
  return n;
}

/** A float64's little-endian bytes, through a shared scratch (Buffer.writeDoubleLE checks its arguments on every call). */
const SCRATCH_F64 = new Float64Array(1);
const SCRATCH_U8 = new Uint8Array(SCRATCH_F64.buffer);
/** Protobuf's fixed64 is little-endian; big-endian routers (MIPS ath79) take the bytes in reverse. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

class Writer {
  pos = 0;
  constructor(readonly buf: Buffer) {}

  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  varint(n: number): void {
    if (n < 0x80) {
      this.buf[this.pos++] = n;
      return;
    }
    while (n >= 128) {
      this.buf[this.pos++] = (n % 128) | 0x80;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }

  int64(n: number): void {
    if (n >= 0) return this.varint(n);
    // Ten bytes of the 64-bit two's complement.
    let v = BigInt.asUintN(64, BigInt(n));
    for (let i = 0; i < 9; i++) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  double(v: number): void {
    SCRATCH_F64[0] = v;
    const b = this.buf;
    let pos = this.pos;
    if (LITTLE_ENDIAN) for (let i = 0; i < 8; i++) b[pos++] = SCRATCH_U8[i] as number;
    else for (let i = 7; i >= 0; i--) b[pos++] = SCRATCH_U8[i] as number;
    this.pos = pos;
  }

  /** One Label field: name and value with their UTF-8 lengths. */
  label(name: string, nameBytes: number, value: string, valueBytes: number): void {
    this.byte(TAG_LABELS);
    this.varint(fieldSize(nameBytes) + fieldSize(valueBytes));
    this.string(TAG_NAME, name, nameBytes);
    this.string(TAG_VALUE, value, valueBytes);
  }

  string(tag: number, s: string, bytes: number): void {
    this.byte(tag);
    this.varint(bytes);
    if (bytes === s.length) {
      // ASCII: byte for byte.
      const buf = this.buf;
      let pos = this.pos;
      for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
      this.pos = pos;
    } else {
      this.pos += this.buf.write(s, this.pos, bytes, 'utf8');
    }
  }
}

/** A timestamp must be a whole number of milliseconds. */
function checkTimestamp(ts: number): void {
  if (!Number.isSafeInteger(ts)) throw new RangeError(`timestamp ${ts} is not a whole number of milliseconds`);
}

/**
 * The Label fields of a TimeSeries (labels sorted by name, __name__ included), as protobuf bytes: what
 * encodeSamples copies into every request that carries the series.
 */
export function encodeLabels(labels: readonly (readonly [string, string])[]): Buffer {
  let size = 0;
  const lengths: number[] = [];
  for (const [name, value] of labels) {
    const n = utf8Length(name);
    const v = utf8Length(value);
    lengths.push(n, v);
    size += fieldSize(fieldSize(n) + fieldSize(v));
  }
  // Its own memory, not a slice of Buffer's shared pool: a series may outlive many pushes.
  const w = new Writer(Buffer.allocUnsafeSlow(size));
  let i = 0;
  for (const [name, value] of labels) w.label(name, lengths[i++] as number, value, lengths[i++] as number);
  return w.buf;
}

/** Bytes of one Sample message's field in a TimeSeries. */
function sampleFieldSize(timestampMs: number): number {
  return fieldSize(9 + 1 + int64Size(timestampMs));
}

/**
 * Size of the WriteRequest that encodeSamples writes: series[i] (its encodeLabels bytes) with the one
 * sample values[i] at timestamps[i], or at timestampMs for all when timestamps is undefined.
 */
export function samplesRequestSize(labels: readonly Uint8Array[], values: Float64Array, timestampMs: number, timestamps: Float64Array | undefined): number {
  let total = 0;
  const sample = sampleFieldSize(timestampMs);
  for (let i = 0; i < values.length; i++) {
    const size = (labels[i] as Uint8Array).length + (timestamps === undefined ? sample : sampleFieldSize(timestamps[i] as number));
    total += fieldSize(size);
  }
  return total;
}

/** Writes that WriteRequest into out (at least samplesRequestSize bytes); returns the bytes written. */
export function encodeSamples(labels: readonly Uint8Array[], values: Float64Array, timestampMs: number, timestamps: Float64Array | undefined, out: Buffer): number {
  checkTimestamp(timestampMs);
  const w = new Writer(out);
  const sample = sampleFieldSize(timestampMs);
  for (let i = 0; i < values.length; i++) {
    const l = labels[i] as Uint8Array;
    const ts = timestamps === undefined ? timestampMs : (timestamps[i] as number);
    if (timestamps !== undefined) checkTimestamp(ts);
    w.byte(TAG_TIMESERIES);
    w.varint(l.length + (timestamps === undefined ? sample : sampleFieldSize(ts)));
    out.set(l, w.pos);
    w.pos += l.length;
    w.byte(TAG_SAMPLES);
    w.varint(9 + 1 + int64Size(ts));
    w.byte(TAG_SAMPLE_VALUE);
    w.double(values[i] as number);
    w.byte(TAG_SAMPLE_TIMESTAMP);
    w.int64(ts);
  }
  return w.pos;
}

/** Encodes a WriteRequest into protobuf bytes (uncompressed). */
export function encodeWriteRequest(req: WriteRequest): Buffer {
  // Pass 1: the size of every string, label, sample and series.
  const strBytes: number[] = [];
  const seriesSizes: number[] = [];
  let total = 0;
  for (const ts of req.timeseries) {
    let size = 0;
    for (const [name, value] of ts.labels) {
      const n = utf8Length(name);
      const v = utf8Length(value);
      strBytes.push(n, v);
      size += fieldSize(fieldSize(n) + fieldSize(v));
    }
    for (const s of ts.samples) {
      checkTimestamp(s.timestampMs);
      size += fieldSize(9 + 1 + int64Size(s.timestampMs));
    }
    seriesSizes.push(size);
    total += fieldSize(size);
  }
  const mdSizes: number[] = [];
  for (const md of req.metadata) {
    const f = utf8Length(md.family);
    const h = utf8Length(md.help);
    const u = utf8Length(md.unit);
    strBytes.push(f, h, u);
    const size = (md.type === 0 ? 0 : 2) + fieldSize(f) + (h === 0 ? 0 : fieldSize(h)) + (u === 0 ? 0 : fieldSize(u));
    mdSizes.push(size);
    total += fieldSize(size);
  }

  // Pass 2: the bytes.
  const w = new Writer(Buffer.allocUnsafe(total));
  let si = 0;
  req.timeseries.forEach((ts, i) => {
    w.byte(TAG_TIMESERIES);
    w.varint(seriesSizes[i] as number);
    for (const [name, value] of ts.labels) w.label(name, strBytes[si++] as number, value, strBytes[si++] as number);
    for (const s of ts.samples) {
      w.byte(TAG_SAMPLES);
      w.varint(9 + 1 + int64Size(s.timestampMs));
      w.byte(TAG_SAMPLE_VALUE);
      w.double(s.value);
      w.byte(TAG_SAMPLE_TIMESTAMP);
      w.int64(s.timestampMs);
    }
  });
  req.metadata.forEach((md, i) => {
    const f = strBytes[si++] as number;
    const h = strBytes[si++] as number;
    const u = strBytes[si++] as number;
    w.byte(TAG_METADATA);
    w.varint(mdSizes[i] as number);
    if (md.type !== 0) {
      w.byte(TAG_MD_TYPE);
      w.varint(md.type);
    }
    w.string(TAG_MD_FAMILY, md.family, f);
    if (h !== 0) w.string(TAG_MD_HELP, md.help, h);
    if (u !== 0) w.string(TAG_MD_UNIT, md.unit, u);
  });
  if (w.pos !== total) throw new Error(`WriteRequest encoder: wrote ${w.pos} bytes, sized ${total}`);
  return w.buf;
}
