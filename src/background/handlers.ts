/**
 * What the background does with each validated request. Kept free of extension APIs (the change
 * notifier is passed in) so the whole request path runs in Node tests against fake-indexeddb.
 */
import type { Request, Response, RequestType } from '../messages';
import type { PaperDb } from '../store/db';
import { getStates, markSeen, setFlag } from '../store/papers';

export interface HandlerContext {
  db: PaperDb;
  now: () => number;
  /** Tells every open page and popup that these papers changed. */
  notifyChanged: (ids: string[]) => Promise<void>;
}

export async function handleRequest<T extends RequestType>(
  request: Extract<Request, { type: T }>,
  ctx: HandlerContext,
): Promise<Response<T>> {
  return (await dispatch(request, ctx)) as Response<T>;
}

async function dispatch(request: Request, ctx: HandlerContext): Promise<Response<RequestType>> {
  switch (request.type) {
    case 'getStates':
      return { states: await getStates(ctx.db, dedupe(request.ids)) };
    case 'setFlag': {
      const state = await setFlag(ctx.db, { id: request.id, flag: request.flag, value: request.value, meta: request.paper }, ctx.now());
      await ctx.notifyChanged([request.id]);
      return { state };
    }
    case 'markSeen': {
      const papers = [...new Map(request.papers.map((p) => [p.id, p])).values()];
      await markSeen(ctx.db, papers, ctx.now());
      return { seen: papers.length };
    }
  }
}

function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
