/** The shape of one row of the layer-statistics table (layer-stats.ts) and a row's defaults. */

export interface LayerStatDef {
  /** the LayerStats property */
  field: string;
  /** its layer_stats column */
  column: string;
  /** its series name in the CSV exports (long: `series`; wide: `layer/<layer>/<series>`) */
  series: string;
  /** how the UI names it */
  label: string;
  /** a shorter name for tight controls (segmented buttons) */
  short: string;
  /** what a value measures when it is not a raw magnitude ('' for plain magnitudes) */
  unit: '' | 'share';
  /** reads better as log10 (spans decades) */
  log: boolean;
  /** null when the probe did not run (or, for saturation, for a linear layer) */
  nullable: boolean;
  /**
   * Bit of layer_stats.nan_mask telling a stored NaN from null; set exactly for nullable rows.
   * Stored data depends on it: a bit, once given, never changes.
   */
  nanBit: number | null;
  /** drawn as a layer × epoch heatmap (Live and Compare); runs.compare reads these by default */
  heatmap: boolean;
  /** offered as a line in Compare's overlay */
  overlay: boolean;
}

/** What a row says when it does not say otherwise. */
export const PLAIN = { unit: '', log: false, nullable: false, nanBit: null, heatmap: false, overlay: false } as const;
