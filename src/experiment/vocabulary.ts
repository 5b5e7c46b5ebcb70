/** The named choices a spec offers; the form, the CLI and the schema all read them from here. */
export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'linear'] as const;
export const INITS = [
  'glorot_uniform',
  'glorot_normal',
  'he_normal',
  'he_uniform',
  'lecun_normal',
  'standard',
] as const;
export const NORMS = ['none', 'batch', 'layer'] as const;
export const TASK_KINDS = ['cls', 'seg', 'recon'] as const;
export const WEIGHTINGS = ['fixed', 'equal', 'uncertainty', 'dwa', 'gradnorm', 'pcgrad', 'mgda'] as const;
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export const BACKENDS = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export const SHAPE_KINDS = ['circle', 'square', 'triangle', 'cross', 'ring', 'diamond'] as const;

export type Activation = (typeof ACTIVATIONS)[number];
export type Init = (typeof INITS)[number];
export type TaskKind = (typeof TASK_KINDS)[number];
export type WeightingMethod = (typeof WEIGHTINGS)[number];
export type BackendName = (typeof BACKENDS)[number];
