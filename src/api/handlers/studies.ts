/** Studies: list the built-in ones, start one, read a study run's result (src/studies does the work). */
import { ApiFailure } from '../errors.ts';
import type { HandlerContext, HandlerMap } from './context.ts';

type StudyMethods = 'studies.list' | 'studies.run' | 'studies.runs' | 'studies.result';

// The contract is fixed first so the runner and the Studies view can be built side by side;
// until the runner lands every method answers invalid_state.
export function studyHandlers(_ctx: HandlerContext): HandlerMap<StudyMethods> {
  const notYet = () => {
    throw new ApiFailure({ code: 'invalid_state', message: 'studies are not available in this build yet' });
  };
  return { 'studies.list': notYet, 'studies.run': notYet, 'studies.runs': notYet, 'studies.result': notYet };
}
