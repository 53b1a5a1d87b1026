import { describe, expect, it } from 'vitest';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { coalescedEventStream } from './event-stream.ts';

const fetchAPI = { ReadableStream, Response, TextEncoder };
const decoder = new TextDecoder();

/** Every chunk of a response body, decoded. */
async function chunks(response: Response): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) out.push(decoder.decode(chunk));
  return out;
}

describe('coalescedEventStream', () => {
  it('writes the results ready in one turn as one chunk, later ones in the next, then completes', async () => {
    let release!: () => void;
    const later = new Promise<void>((r) => (release = r));
    async function* results(): AsyncGenerator<ExecutionResult> {
      yield { data: { n: 1 } };
      yield { data: { n: 2 } };
      yield { data: { n: 3 } };
      await later;
      yield { data: { n: 4 } };
    }
    const response = coalescedEventStream(results(), fetchAPI);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    setTimeout(release, 20);
    const body = await chunks(response);
    const message = (n: number) => `event: next\ndata: {"data":{"n":${n}}}\n\n`;
    expect(body).toEqual([':\n\n', message(1) + message(2) + message(3), message(4) + 'event: complete\ndata:\n\n']);
  });

  it('reads no further ahead than the reader wants', async () => {
    let produced = 0;
    async function* results(): AsyncGenerator<ExecutionResult> {
      for (;;) {
        produced++;
        yield { data: { n: produced } };
        // one result per turn of the loop: each is its own chunk
        await new Promise((r) => setImmediate(r));
      }
    }
    const reader = coalescedEventStream(results(), fetchAPI).body!.getReader();
    await reader.read(); // the opening comment
    await reader.read(); // the first result
    await new Promise((r) => setTimeout(r, 50));
    // the stream asked for at most one more chunk's worth: it did not drain the source
    expect(produced).toBeLessThanOrEqual(3);
    await reader.cancel();
  });

  it('sends errors without the internal http extension', async () => {
    async function* results(): AsyncGenerator<ExecutionResult> {
      yield { errors: [new GraphQLError('The token has expired; the subscription ended', { extensions: { code: 'TOKEN_EXPIRED', http: { status: 401 } } })] };
    }
    const body = (await chunks(coalescedEventStream(results(), fetchAPI))).join('');
    const data = JSON.parse(body.split('\n').find((l) => l.startsWith('data: {'))!.slice(6));
    expect(data.errors[0]).toEqual({ message: 'The token has expired; the subscription ended', extensions: { code: 'TOKEN_EXPIRED' } });
  });
});
