/**
 * Subscription results as Server-Sent Events, coalesced: the same GraphQL-over-SSE messages as
 * GraphQL Yoga's own processor (`event: next` / `data: <result>` per result, `event: complete` at
 * the end, a `:` comment at once and every 12 s), but each subscriber's messages that are ready in
 * the same turn of the event loop leave in one chunk, one socket write, instead of two chunks
 * (two writes) per message. Under a burst (1,000 subscribers, 100 events) the loop is behind and
 * several events wait per subscriber: they go out together. Backpressure is kept: the next result
 * is read only while the response stream wants more.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ExecutionResult } from 'graphql';

/** Keep-alive comment interval (Yoga's: 12 s). */
const PING_MS = 12_000;

type FetchAPI = { ReadableStream: typeof ReadableStream; Response: typeof Response; TextEncoder: typeof TextEncoder };

const encoded = new WeakMap<object, string>();

/** A result as JSON, once per result object: a shared subscription hands every subscriber the same one. */
function encode(result: ExecutionResult): string {
  let text = encoded.get(result);
  if (text === undefined) encoded.set(result, (text = encodeResult(result)));
  return text;
}

/** What a client is shown of a result: errors as JSON without the internal `http`/`unexpected` extensions, no `extensions.http`. */
function encodeResult(result: ExecutionResult): string {
  if (!result.errors?.length && !(result.extensions as { http?: unknown } | undefined)?.http) return JSON.stringify(result);
  const errors = result.errors?.map((e) => {
    // (a GraphQLError encodes through its toJSON: message, locations, path, extensions)
    const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    const { http: _http, unexpected: _unexpected, ...extensions } = (json.extensions ?? {}) as Record<string, unknown>;
    return { ...json, extensions: Object.keys(extensions).length ? extensions : undefined };
  });
  const { http: _http, ...extensions } = (result.extensions ?? {}) as Record<string, unknown>;
  return JSON.stringify({ ...result, errors, extensions: Object.keys(extensions).length ? extensions : undefined });
}

/** The SSE response of a stream of results, messages ready in one turn written as one chunk. */
export function coalescedEventStream(results: AsyncIterable<ExecutionResult>, fetchAPI: FetchAPI): Response {
  const encoder = new fetchAPI.TextEncoder();
  const iterator = results[Symbol.asyncIterator]();
  let ping: NodeJS.Timeout | undefined;
  let pending = '';
  let flushing: NodeJS.Immediate | null = null;
  let reading: Promise<IteratorResult<ExecutionResult>> | null = null;
  let closed = false;
  const body = new fetchAPI.ReadableStream<Uint8Array>({
    start(controller) {
      // a first byte at once: some clients wait for it before they report the stream open
      controller.enqueue(encoder.encode(':\n\n'));
      ping = setInterval(() => {
        if (controller.desiredSize === null) clearInterval(ping);
        else if (controller.desiredSize > 0 && !pending) controller.enqueue(encoder.encode(':\n\n'));
      }, PING_MS);
    },
    pull(controller) {
      return new Promise<void>((resolve, reject) => {
        let flushed = false;
        const flush = () => {
          flushed = true;
          flushing = null;
          controller.enqueue(encoder.encode(pending));
          pending = '';
          if (closed) {
            clearInterval(ping);
            controller.close();
          }
          resolve();
        };
        // read on while results are ready in this turn; the chunk leaves when the turn ends, and a
        // result that comes later waits (in `reading`) for the next pull: backpressure holds
        const read = (): void => {
          const next = (reading ??= iterator.next());
          next.then((item) => {
            if (flushed) return;
            reading = null;
            if (item.value != null) pending += `event: next\ndata: ${encode(item.value)}\n\n`;
            if (item.done) {
              pending += 'event: complete\ndata:\n\n';
              closed = true;
            }
            flushing ??= setImmediate(flush);
            if (!closed) read();
          }, (err: unknown) => {
            if (flushed) return;
            reading = null;
            clearInterval(ping);
            if (flushing) clearImmediate(flushing);
            reject(err);
          });
        };
        read();
      });
    },
    cancel(reason) {
      clearInterval(ping);
      closed = true;
      return iterator.return?.(reason).then(() => undefined);
    },
  });
  return new fetchAPI.Response(body, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream', Connection: 'keep-alive', 'Cache-Control': 'no-cache', 'Content-Encoding': 'none' },
  });
}

/**
 * Serves every subscription result stream that asked for text/event-stream through
 * coalescedEventStream; single results and other media types keep Yoga's processors.
 */
export function useCoalescedEventStream(): GatewayPlugin {
  return {
    onResultProcess({ request, result, resultProcessor, setResultProcessor }) {
      if (!resultProcessor || !result || typeof result !== 'object' || !(Symbol.asyncIterator in result)) return;
      if (!/text\/event-stream/.test(request.headers.get('accept') ?? '')) return;
      setResultProcessor((r, fetchAPI) => coalescedEventStream(r as AsyncIterable<ExecutionResult>, fetchAPI as unknown as FetchAPI), 'text/event-stream');
    },
  };
}
