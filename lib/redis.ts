/**
 * The Redis connection for the state gateway replicas share: the rate limit's counters
 * (gateway/limits.ts). A thin layer over `ioredis` that keeps what the callers rely on:
 *
 * - `connectRedis` fails with a message naming the URL (password hidden) when Redis cannot be
 *   reached or does not answer PING, so a process configured with REDIS_URL refuses to start
 *   instead of counting in its own memory;
 * - a connection lost later is reopened by the next command (ioredis's own background retries
 *   are off, so there is no reconnect loop and no queue of commands waiting for one); a command
 *   that cannot reopen it, or that was in flight when it dropped, or is unanswered within the
 *   timeout, rejects with `RedisUnavailableError` at once, so a request is refused (503) rather
 *   than held;
 * - an error reply of the server (`-NOSCRIPT …`) rejects with `RedisReplyError`.
 */
import { Redis, ReplyError } from 'ioredis';

export type RedisReply = string | number | null | RedisReply[];

export class RedisUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RedisUnavailableError';
  }
}

/** An error reply of the server (`-ERR …`, `-NOSCRIPT …`). */
export class RedisReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisReplyError';
  }
}

export type RedisClient = {
  /** Sends one command; resolves with its reply. */
  command(args: readonly (string | number)[]): Promise<RedisReply>;
  close(): Promise<void>;
};

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Connects to `url` (`redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS) and
 * checks the server answers PING, within `timeoutMs` (also the longest wait for any reply).
 */
export async function connectRedis(url: string, options: { timeoutMs?: number } = {}): Promise<RedisClient> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`REDIS_URL is not a URL: ${redacted(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`REDIS_URL must start with redis:// or rediss://: ${redacted(url)}`);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`REDIS_URL names database "${parsed.pathname.slice(1)}": a number is expected`);

  const timeoutMs = options.timeoutMs ?? 2000;
  const where = redacted(url);
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    // no background reconnect: the next command reopens the connection (command() below)
    retryStrategy: () => null,
  });
  // connection errors surface as rejected commands; without a listener ioredis would log them all
  let lastError: Error | null = null;
  redis.on('error', (err: Error) => {
    lastError = err;
  });

  const reasonOf = (err: unknown) => (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? String(err);
  const unavailable = (err: unknown, what: string, withLastError = false) => {
    if (err instanceof ReplyError) return new RedisReplyError((err as Error).message);
    const last = withLastError && lastError && lastError !== err ? ` (last connection error: ${reasonOf(lastError)})` : '';
    return new RedisUnavailableError(`${what} Redis at ${where}: ${reasonOf(err)}${last}`, { cause: err });
  };

  // one reopening at a time, shared by the commands that find the connection gone
  let reopening: Promise<void> | null = null;
  const reopen = () =>
    (reopening ??= redis.connect().finally(() => {
      reopening = null;
    }));

  try {
    await reopen();
  } catch (err) {
    redis.disconnect();
    // ioredis rejects with "Connection is closed."; the socket's own error says why
    throw unavailable(lastError ?? err, 'cannot reach');
  }
  let closed = false;
  const client: RedisClient = {
    async command(args) {
      const [name, ...rest] = args.map(String);
      if (closed) throw new RedisUnavailableError('the Redis client is closed');
      try {
        if (redis.status === 'end' || redis.status === 'close' || redis.status === 'wait') await reopen();
        else if (redis.status !== 'ready') await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`not ready within ${timeoutMs} ms`)), timeoutMs);
          redis.once('ready', () => { clearTimeout(timer); resolve(); });
          redis.once('end', () => { clearTimeout(timer); reject(lastError ?? new Error('connection closed')); });
        });
        return (await redis.call(name, ...rest)) as RedisReply;
      } catch (err) {
        throw unavailable(err, `${name} failed on`, true);
      }
    },
    async close() {
      closed = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
  const pong = await client.command(['PING']).catch(async (err: unknown) => {
    await client.close();
    if (err instanceof RedisReplyError) throw new RedisUnavailableError(`Redis at ${where} refused the connection: ${err.message}`);
    throw err;
  });
  if (pong !== 'PONG') {
    await client.close();
    throw new RedisUnavailableError(`Redis at ${where} answered PING with ${JSON.stringify(pong)}`);
  }
  return client;
}
