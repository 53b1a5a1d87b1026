/**
 * A small Redis client (RESP2 over one TCP connection) for the state gateway replicas share: the
 * rate limit's counters (gateway/limits.ts). It speaks only what that needs: commands sent in
 * order, replies matched in order (pipelined), integers, strings, arrays and errors.
 *
 * Why not a package: neither `redis` nor `ioredis` is installed here, and a fixed-window counter
 * needs one EVALSHA per request. Should more Redis use arrive (caches, queues), replace this file
 * with `ioredis` behind the same `RedisClient` type.
 *
 * Connection: opened by `connectRedis` (which fails with a message naming the URL when Redis cannot
 * be reached, so a process configured with REDIS_URL refuses to start instead of counting in its own
 * memory). A connection lost later is reopened on the next command; commands in flight when it
 * drops, or sent while it cannot be reopened, reject with `RedisUnavailableError`.
 */
import net from 'node:net';

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

type Pending = { resolve: (reply: RedisReply) => void; reject: (error: Error) => void };

/** How a REDIS_URL is read: `redis://[user:password@]host[:port][/db]`. */
export function parseRedisUrl(url: string): { host: string; port: number; username?: string; password?: string; db: number } {
  const u = new URL(url);
  if (u.protocol !== 'redis:') throw new Error(`REDIS_URL must start with redis:// (rediss:// is not supported by lib/redis.ts): ${redacted(url)}`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`REDIS_URL names database "${u.pathname.slice(1)}": a number is expected`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db,
  };
}

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

function encode(args: readonly (string | number)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.from(String(a));
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/**
 * Parses one reply at `offset`; returns it and the offset after it, or undefined when the buffer
 * does not hold a whole reply yet.
 */
function parseReply(buf: Buffer, offset: number): { value: RedisReply | RedisReplyError; next: number } | undefined {
  const end = buf.indexOf('\r\n', offset);
  if (end < 0) return undefined;
  const type = String.fromCharCode(buf[offset]!);
  const line = buf.toString('utf8', offset + 1, end);
  const next = end + 2;
  switch (type) {
    case '+':
      return { value: line, next };
    case '-':
      return { value: new RedisReplyError(line), next };
    case ':':
      return { value: Number(line), next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next };
      if (buf.length < next + length + 2) return undefined;
      return { value: buf.toString('utf8', next, next + length), next: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next };
      const items: RedisReply[] = [];
      let at = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, at);
        if (!item) return undefined;
        // an error inside an array (EXEC) is kept as its message
        items.push(item.value instanceof RedisReplyError ? item.value.message : item.value);
        at = item.next;
      }
      return { value: items, next: at };
    }
    default:
      throw new Error(`unexpected Redis reply type ${JSON.stringify(type)}`);
  }
}

/**
 * Connects to `url` (AUTH and SELECT when it says so) and checks the server answers PING, within
 * `timeoutMs` (also the longest wait for any reply). Rejects with RedisUnavailableError naming the URL (password hidden) otherwise.
 */
export async function connectRedis(url: string, options: { timeoutMs?: number } = {}): Promise<RedisClient> {
  const target = parseRedisUrl(url);
  const timeoutMs = options.timeoutMs ?? 2000;
  let socket: net.Socket | null = null;
  let connecting: Promise<net.Socket> | null = null;
  let closed = false;
  const pending: Pending[] = [];
  let buffer: Buffer = Buffer.alloc(0);

  const failAll = (error: Error) => {
    for (const p of pending.splice(0)) p.reject(error);
  };

  const open = (): Promise<net.Socket> =>
    new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: target.host, port: target.port });
      s.setNoDelay(true);
      const timer = setTimeout(() => {
        s.destroy();
        reject(new RedisUnavailableError(`Redis at ${redacted(url)} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      s.once('error', (err) => {
        clearTimeout(timer);
        reject(new RedisUnavailableError(`cannot reach Redis at ${redacted(url)}: ${(err as NodeJS.ErrnoException).code ?? err.message}`, { cause: err }));
      });
      s.once('connect', () => {
        clearTimeout(timer);
        s.removeAllListeners('error');
        s.on('data', (chunk: Buffer) => {
          buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
          let offset = 0;
          for (;;) {
            const reply = parseReply(buffer, offset);
            if (!reply) break;
            offset = reply.next;
            const p = pending.shift();
            if (!p) continue;
            if (reply.value instanceof RedisReplyError) p.reject(reply.value);
            else p.resolve(reply.value);
          }
          buffer = offset === buffer.length ? Buffer.alloc(0) : buffer.subarray(offset);
        });
        const lost = (err?: Error) => {
          if (socket === s) socket = null;
          buffer = Buffer.alloc(0);
          failAll(new RedisUnavailableError(`lost the connection to Redis at ${redacted(url)}${err ? `: ${(err as NodeJS.ErrnoException).code ?? err.message}` : ''}`, { cause: err }));
        };
        s.on('error', lost);
        s.on('close', () => lost());
        resolve(s);
      });
    });

  // replies come in order, so one that never comes blocks every later one: past the timeout the
  // connection is dropped (every command waiting on it rejects) and the next command reconnects
  const send = (s: net.Socket, args: readonly (string | number)[]) =>
    new Promise<RedisReply>((resolve, reject) => {
      const timer = setTimeout(() => s.destroy(new RedisUnavailableError(`Redis at ${redacted(url)} did not answer ${String(args[0])} within ${timeoutMs} ms`)), timeoutMs);
      timer.unref();
      pending.push({
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      s.write(encode(args));
    });

  const ready = async (): Promise<net.Socket> => {
    if (socket) return socket;
    connecting ??= (async () => {
      try {
        const s = await open();
        if (target.password) await send(s, target.username ? ['AUTH', target.username, target.password] : ['AUTH', target.password]);
        if (target.db) await send(s, ['SELECT', target.db]);
        socket = s;
        return s;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  };

  const client: RedisClient = {
    async command(args) {
      if (closed) throw new RedisUnavailableError('the Redis client is closed');
      return send(await ready(), args);
    },
    async close() {
      closed = true;
      const s = socket;
      socket = null;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.once('close', () => resolve());
        s.end();
        setTimeout(() => s.destroy(), 500).unref();
      });
    },
  };
  const pong = await client.command(['PING']).catch((err: unknown) => {
    if (err instanceof RedisReplyError) throw new RedisUnavailableError(`Redis at ${redacted(url)} refused the connection: ${err.message}`);
    throw err;
  });
  if (pong !== 'PONG') throw new RedisUnavailableError(`Redis at ${redacted(url)} answered PING with ${JSON.stringify(pong)}`);
  return client;
}
