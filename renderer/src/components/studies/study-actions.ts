/**
 * The Studies view's two ways out: the HTML report saved as a file (made here, in the browser,
 * by the same function as the CLI's `study report`), and a study's experiment opened in Design to
 * vary it (the Design form takes it as pasted experiment JSON, so Undo brings the old form back).
 */
import type { StudyResult } from '@core/domain/studies.ts';
import { reportFileName, studyReportHtml } from '@core/studies/report/html.ts';
import { useRouter } from 'vue-router';
import { useDesignStore } from '../../stores/design.ts';
import { downloadFile } from '../common/download.ts';

/** Save the report of `result`; returns the file name given. */
export function exportStudyReport(result: StudyResult, doc: Document = document): string {
  const content = studyReportHtml(result);
  return downloadFile({ filename: reportFileName(result), mime: 'text/html', content }, doc).filename;
}

export function useOpenInDesign() {
  const design = useDesignStore();
  const router = useRouter();
  /** Fill Design with `experiment`; the error names what Design refused, null when it opened. */
  return async (experiment: Record<string, unknown>): Promise<string | null> => {
    const error = design.applyJson(JSON.stringify(experiment));
    if (error) return `Design refused this experiment: ${error}`;
    await router.push('/design');
    return null;
  };
}
