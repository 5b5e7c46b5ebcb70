/** Studies: list the built-in ones, start one, list and read study runs (src/studies does the work). */
import { listStudies } from '../../studies/info.ts';
import { STUDIES } from '../../studies/registry.ts';
import { listStudyRuns, studyResult } from '../../studies/result.ts';
import { startStudy } from '../../studies/runner.ts';
import type { HandlerContext, HandlerMap } from './context.ts';

type StudyMethods = 'studies.list' | 'studies.run' | 'studies.runs' | 'studies.result';

export function studyHandlers(ctx: HandlerContext): HandlerMap<StudyMethods> {
  return {
    'studies.list': () => listStudies(ctx, STUDIES),
    'studies.run': (input) => startStudy(ctx, input),
    'studies.runs': () => listStudyRuns(ctx),
    'studies.result': ({ id }) => studyResult(ctx, id),
  };
}
