/** Data files as the Design form names them: checked through the service, whichever door asks. */
import { resolve } from 'node:path';
import { insideRoots } from '../../data/data-roots.ts';
import { readIdxHeader } from '../../data/idx-header.ts';
import type { HandlerContext, HandlerMap } from './context.ts';

export function dataHandlers(ctx: HandlerContext): HandlerMap<'data.check'> {
  return {
    'data.check': ({ path, kind }) => {
      const roots = ctx.dataRoots;
      // serve mode: the same answer whether or not a file outside the roots exists
      if (roots && !insideRoots(path, roots))
        return {
          ok: false,
          path,
          kind,
          problem: `is outside the data folders this server may read (${roots.join(', ')})`,
        };
      const abs = resolve(path);
      const h = readIdxHeader(abs, kind === 'images' ? 3 : 1);
      if (!h.ok) return { ok: false, path: abs, kind, problem: h.problem };
      return { ok: true, path: abs, kind, dims: h.header.dims, count: h.header.dims[0], bytes: h.header.storedBytes };
    },
  };
}
