/**
 * Checking a spec's IDX files before anything is created: each file's header and length, that
 * images and labels agree, that validation files match training files, and that a cnn trunk fits
 * the image size the header declares. Reads headers only, never the data.
 */
import { resolve } from 'node:path';
import { cnnShapeProblem, type DataSpec, type ModelSpec, type SpecIssue } from '../experiment/spec.ts';
import { readIdxHeader } from './idx-header.ts';
import type { IdxData } from './types.ts';

/** What the headers say about the data, for the memory budget. */
export interface IdxShape {
  height: number;
  width: number;
  /** samples in the training files */
  count: number;
  /** samples in the validation files, when separate */
  valCount?: number;
  /** bytes of the files as stored (a .gz is also inflated in memory when loaded) */
  fileBytes: number;
}

export interface DataFilesReport {
  issues: SpecIssue[];
  /** set for IDX data whose files are all valid */
  shape?: IdxShape;
}

type Field = 'images' | 'labels' | 'valImages' | 'valLabels';

interface Pair {
  count: number;
  height: number;
  width: number;
  bytes: number;
}

/** Reads the headers of one images + labels pair; issues name `data.<field>`. */
function checkPair(d: IdxData, img: Field, lab: Field, issues: SpecIssue[]): Pair | undefined {
  const at = (f: Field, problem: string) =>
    issues.push({ field: `data.${f}`, message: `${resolve(d[f]!)}: ${problem}` });
  const images = readIdxHeader(resolve(d[img]!), 3);
  const labels = readIdxHeader(resolve(d[lab]!), 1);
  if (!images.ok) at(img, images.problem);
  if (!labels.ok) at(lab, labels.problem);
  if (!images.ok || !labels.ok) return undefined;
  const [count, height, width] = images.header.dims;
  if (labels.header.dims[0] !== count) {
    at(lab, `holds ${labels.header.dims[0]} labels but ${d[img]} holds ${count} images; the counts must match`);
    return undefined;
  }
  return { count, height, width, bytes: images.header.storedBytes + labels.header.storedBytes };
}

function checkIdx(d: IdxData, model: ModelSpec): DataFilesReport {
  const issues: SpecIssue[] = [];
  const train = checkPair(d, 'images', 'labels', issues);
  const separate = d.valImages !== undefined && d.valLabels !== undefined;
  const val = separate ? checkPair(d, 'valImages', 'valLabels', issues) : undefined;
  if (train && val && (val.height !== train.height || val.width !== train.width))
    issues.push({
      field: 'data.valImages',
      message: `images are ${val.height}×${val.width} but the training images are ${train.height}×${train.width}`,
    });
  if (train && !separate && Math.max(1, Math.round(train.count * d.validationSplit)) >= train.count)
    issues.push({
      field: 'data.validationSplit',
      message: `${train.count} samples are too few to hold out a validation split of ${d.validationSplit}`,
    });
  const shrink = train && cnnShapeProblem(model, train.height, train.width);
  if (shrink) issues.push({ field: 'model.depth', message: shrink });
  if (issues.length || !train) return { issues };
  const shape: IdxShape = { height: train.height, width: train.width, count: train.count, fileBytes: train.bytes };
  if (val) Object.assign(shape, { valCount: val.count, fileBytes: train.bytes + val.bytes });
  return { issues, shape };
}

/**
 * Field-named problems with the files a spec's `data` names (none for synthetic shapes). Relative
 * paths resolve against the working directory: the file loader has already made a spec file's
 * paths absolute against its folder.
 */
export function checkDataFiles(spec: { data: DataSpec; model: ModelSpec }): DataFilesReport {
  return spec.data.kind === 'idx' ? checkIdx(spec.data, spec.model) : { issues: [] };
}
