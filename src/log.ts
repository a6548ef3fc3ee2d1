// Structured logger: logfmt or JSON lines on stderr, levelled like node_exporter's (promslog).
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'logfmt' | 'json';
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
export const LOG_FORMATS: readonly LogFormat[] = ['logfmt', 'json'];

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  enabled(level: LogLevel): boolean;
}

export type LogSink = (line: string) => void;

function logfmtValue(v: string): string {
  return /^[^\s"=\\]+$/.test(v) ? v : JSON.stringify(v);
}

export function formatLogLine(format: LogFormat, time: Date, level: LogLevel, msg: string, fields: LogFields = {}): string {
  const entries: [string, string | number | boolean][] = [
    ['time', time.toISOString()],
    ['level', level],
    ['msg', msg],
  ];
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) entries.push([k, v]);
  if (format === 'json') return JSON.stringify(Object.fromEntries(entries));
  return entries.map(([k, v]) => `${k}=${logfmtValue(String(v))}`).join(' ');
}

export function createLogger(level: LogLevel, format: LogFormat, sink: LogSink = (l) => process.stderr.write(l + '\n')): Logger {
  const min = LOG_LEVELS.indexOf(level);
  const at = (lvl: LogLevel) => (msg: string, fields?: LogFields): void => {
    if (LOG_LEVELS.indexOf(lvl) >= min) sink(formatLogLine(format, new Date(), lvl, msg, fields));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    enabled: (lvl) => LOG_LEVELS.indexOf(lvl) >= min,
  };
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  enabled: () => false,
};
