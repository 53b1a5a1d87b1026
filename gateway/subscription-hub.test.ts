import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../lib/auth/scopes.ts';
import { HUB_MAX_QUEUED, Member } from './subscription-hub.ts';

const meta = { operationName: null, operationHash: null, clientName: null, purpose: null, requestId: null };

describe('a member of a subscription hub', () => {
  it('reads its results in order, and ends when it leaves', async () => {
    let left = 0;
    const member = new Member(ANONYMOUS, meta, () => left++);
    const stream = member.stream();
    member.push({ data: { n: 1 } });
    member.push({ data: { n: 2 } });
    expect((await stream.next()).value).toEqual({ data: { n: 1 } });
    expect((await stream.next()).value).toEqual({ data: { n: 2 } });
    const waiting = stream.next();
    member.push({ data: { n: 3 } });
    expect((await waiting).value).toEqual({ data: { n: 3 } });
    await stream.return!();
    expect(left).toBe(1);
    member.push({ data: { n: 4 } });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it(`is ended with SUBSCRIBER_TOO_SLOW once it falls ${HUB_MAX_QUEUED} results behind, holding nothing more`, async () => {
    let left = 0;
    const member = new Member(ANONYMOUS, meta, () => left++);
    const stream = member.stream();
    for (let i = 0; i <= HUB_MAX_QUEUED; i++) member.push({ data: { n: i } });
    expect(member.queue).toHaveLength(1);
    expect(left).toBe(1);
    const last = await stream.next();
    expect(last.value?.errors?.[0]).toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('throws an upstream failure to its reader after what was queued before it', async () => {
    const member = new Member(ANONYMOUS, meta, () => {});
    const stream = member.stream();
    member.push({ data: { n: 1 } });
    member.finish(new Error('the upstream failed'));
    expect((await stream.next()).value).toEqual({ data: { n: 1 } });
    await expect(stream.next()).rejects.toThrow('the upstream failed');
  });
});
