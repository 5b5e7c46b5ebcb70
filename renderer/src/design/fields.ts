/**
 * The Design form's field catalogue: every scalar spec field (tasks excepted, see tasks.ts) with
 * its label, section, input type and when it shows. Pure data: the form, the sweep-axis picker and
 * the issue mapping all read it.
 */
import { ACTIVATIONS, BACKENDS, INITS, NORMS, OPTIMIZERS, SHAPE_KINDS, WEIGHTINGS } from '@core/experiment/spec.ts';
import { WEIGHTING_INFO } from '@core/experiment/weighting-info.ts';

export const SECTIONS = [
  { id: 'run', title: 'Name & notes' },
  { id: 'data', title: 'Data' },
  { id: 'model', title: 'Model' },
  { id: 'tasks', title: 'Tasks & heads' },
  { id: 'weighting', title: 'Weighting' },
  { id: 'optimizer', title: 'Optimizer' },
  { id: 'schedule', title: 'Schedule' },
  { id: 'stats', title: 'Statistics' },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];

/** int/number: a text input parsed to a number; list: comma-separated strings; multi: checkboxes. */
export type FieldType = 'int' | 'number' | 'enum' | 'bool' | 'text' | 'textarea' | 'list' | 'multi';

/** What the form holds per field: raw text for numbers (so half-typed input survives), booleans, string lists. */
export type FieldValue = string | boolean | string[];
export type FormValues = Record<string, FieldValue>;

export interface FieldDef {
  /** dotted spec path, e.g. `model.depth` */
  path: string;
  label: string;
  section: SectionId;
  type: FieldType;
  options?: readonly string[];
  /** what an enum's select shows for each option (absent: the option itself) */
  optionLabels?: Readonly<Record<string, string>>;
  /** empty text means "absent" (the schema's optional fields) */
  optional?: boolean;
  help?: string;
  /** shown only when true; a hidden field is left out of the spec */
  when?: (v: FormValues, taskCount: number) => boolean;
}

const shapes = (v: FormValues) => v['data.kind'] === 'shapes';
const idx = (v: FormValues) => v['data.kind'] === 'idx';
const cnn = (v: FormValues) => v['model.trunk'] === 'cnn';

export const FIELDS: readonly FieldDef[] = [
  { path: 'name', label: 'Name', section: 'run', type: 'text' },
  { path: 'tags', label: 'Tags', section: 'run', type: 'list', help: 'comma-separated' },
  { path: 'notes', label: 'Notes', section: 'run', type: 'textarea' },

  {
    path: 'data.kind',
    label: 'Data set',
    section: 'data',
    type: 'enum',
    options: ['shapes', 'idx'],
    help: 'synthetic shapes, or IDX files (MNIST format)',
  },
  { path: 'data.imageSize', label: 'Image size (px)', section: 'data', type: 'int', when: shapes },
  {
    path: 'data.shapes',
    label: 'Shapes (classes)',
    section: 'data',
    type: 'multi',
    options: SHAPE_KINDS,
    when: shapes,
  },
  { path: 'data.trainCount', label: 'Training samples', section: 'data', type: 'int', when: shapes },
  { path: 'data.valCount', label: 'Validation samples', section: 'data', type: 'int', when: shapes },
  { path: 'data.noise', label: 'Pixel noise (std)', section: 'data', type: 'number', when: shapes },
  { path: 'data.minScale', label: 'Min shape scale', section: 'data', type: 'number', when: shapes },
  { path: 'data.maxScale', label: 'Max shape scale', section: 'data', type: 'number', when: shapes },
  {
    path: 'data.seed',
    label: 'Data seed',
    section: 'data',
    type: 'int',
    optional: true,
    help: 'empty: the run seed',
    when: shapes,
  },
  { path: 'data.images', label: 'Image file', section: 'data', type: 'text', when: idx },
  { path: 'data.labels', label: 'Label file', section: 'data', type: 'text', when: idx },
  { path: 'data.valImages', label: 'Validation image file', section: 'data', type: 'text', optional: true, when: idx },
  { path: 'data.valLabels', label: 'Validation label file', section: 'data', type: 'text', optional: true, when: idx },
  { path: 'data.validationSplit', label: 'Validation split', section: 'data', type: 'number', when: idx },
  { path: 'data.limit', label: 'Sample limit', section: 'data', type: 'int', optional: true, when: idx },
  { path: 'data.maskThreshold', label: 'Mask threshold', section: 'data', type: 'number', when: idx },

  { path: 'model.trunk', label: 'Trunk', section: 'model', type: 'enum', options: ['mlp', 'cnn'] },
  { path: 'model.depth', label: 'Depth (trunk layers)', section: 'model', type: 'int' },
  { path: 'model.width', label: 'Width (units / first filters)', section: 'model', type: 'int' },
  { path: 'model.activation', label: 'Activation', section: 'model', type: 'enum', options: ACTIVATIONS },
  { path: 'model.init', label: 'Initialiser', section: 'model', type: 'enum', options: INITS },
  { path: 'model.norm', label: 'Normalisation', section: 'model', type: 'enum', options: NORMS },
  { path: 'model.residual', label: 'Residual skips', section: 'model', type: 'bool' },
  { path: 'model.kernelSize', label: 'Kernel size', section: 'model', type: 'int', when: cnn },
  {
    path: 'model.downsampleEvery',
    label: 'Downsample every',
    section: 'model',
    type: 'int',
    help: '0 = never',
    when: cnn,
  },
  {
    path: 'model.denseUnits',
    label: 'Dense units after convs',
    section: 'model',
    type: 'int',
    help: '0 = none',
    when: cnn,
  },
  { path: 'model.headHidden', label: 'Head hidden units', section: 'model', type: 'int', help: '0 = linear heads' },

  {
    path: 'weighting.method',
    label: 'Method',
    section: 'weighting',
    type: 'enum',
    options: WEIGHTINGS,
    optionLabels: Object.fromEntries(WEIGHTINGS.map((m) => [m, WEIGHTING_INFO[m].title])),
  },
  {
    path: 'weighting.lambda',
    label: 'λ (primary share)',
    section: 'weighting',
    type: 'number',
    optional: true,
    help: 'L = λ·L₁ + (1−λ)·L₂; empty: task weights',
    when: (v, n) => n === 2 && v['weighting.method'] === 'fixed',
  },
  {
    path: 'weighting.temperature',
    label: 'DWA temperature',
    section: 'weighting',
    type: 'number',
    when: (v) => v['weighting.method'] === 'dwa',
  },
  {
    path: 'weighting.alpha',
    label: 'GradNorm α',
    section: 'weighting',
    type: 'number',
    when: (v) => v['weighting.method'] === 'gradnorm',
  },
  {
    path: 'weighting.weightLr',
    label: 'GradNorm weight LR',
    section: 'weighting',
    type: 'number',
    when: (v) => v['weighting.method'] === 'gradnorm',
  },

  { path: 'optimizer.kind', label: 'Optimizer', section: 'optimizer', type: 'enum', options: OPTIMIZERS },
  { path: 'optimizer.learningRate', label: 'Learning rate', section: 'optimizer', type: 'number' },
  {
    path: 'optimizer.momentum',
    label: 'Momentum',
    section: 'optimizer',
    type: 'number',
    when: (v) => v['optimizer.kind'] === 'momentum',
  },
  { path: 'optimizer.weightDecay', label: 'Weight decay', section: 'optimizer', type: 'number' },
  {
    path: 'optimizer.clipNorm',
    label: 'Clip gradient norm',
    section: 'optimizer',
    type: 'number',
    optional: true,
    help: 'empty: no clipping',
  },

  { path: 'epochs', label: 'Epochs', section: 'schedule', type: 'int' },
  { path: 'batchSize', label: 'Batch size', section: 'schedule', type: 'int' },
  { path: 'seed', label: 'Seed', section: 'schedule', type: 'int' },
  { path: 'backend', label: 'Backend', section: 'schedule', type: 'enum', options: BACKENDS },

  { path: 'stats.histogramBins', label: 'Histogram bins', section: 'stats', type: 'int' },
  { path: 'stats.probeEvery', label: 'Probe every n epochs', section: 'stats', type: 'int' },
  { path: 'stats.probeBatchSize', label: 'Probe batch size', section: 'stats', type: 'int' },
  {
    path: 'stats.healthDecades',
    label: 'Dead layer threshold (decades)',
    section: 'stats',
    type: 'number',
    help: 'a trunk layer is dead when its RMS of dL/dz is this many decades below the strongest',
  },
];

export const FIELD_BY_PATH: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.path, f]));

/**
 * Fields whose value only matters in some settings stay in the spec when hidden (a sweep over
 * `weighting.method` keeps its temperature); those that would make the spec invalid are dropped.
 */
export const DROP_WHEN_HIDDEN: ReadonlySet<string> = new Set([
  ...FIELDS.filter((f) => f.path.startsWith('data.') && f.path !== 'data.kind').map((f) => f.path),
  'weighting.lambda',
]);

export function isShown(f: FieldDef, v: FormValues, taskCount: number): boolean {
  return !f.when || f.when(v, taskCount);
}

/** The DOM id of a field's input, for labels and for jumping to a field from an issue. */
export function fieldElementId(path: string): string {
  const m = /^tasks\.(\d+)\.(.+)$/.exec(path);
  return m ? `task-${m[1]}-${m[2]}` : `f-${path.replace(/\./g, '-')}`;
}

/** A person's name for a spec path: the field's label, "Task 2 aux layer", or the path itself. */
export function fieldLabel(path: string): string {
  const f = FIELD_BY_PATH.get(path);
  if (f) return f.label;
  const m = /^tasks\.(\d+)\.(.+)$/.exec(path);
  if (m) return `Task ${Number(m[1]) + 1} ${m[2].replace('.', ' ')}`;
  return path === '' ? 'Spec' : path === 'tasks' ? 'Tasks' : path;
}
