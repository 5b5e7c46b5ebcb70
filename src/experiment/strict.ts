/**
 * Building blocks every spec section uses: strict objects whose unknown keys are reported one by
 * one with a did-you-mean, and plain-language messages for the other zod issues.
 */
import { z } from 'zod';
import { unknownFieldMessage } from './closest.ts';

/** Per-key messages carried on an `unrecognized_keys` issue (see issuesOf). */
export interface UnknownKeyHints {
  fieldHints?: Record<string, string>;
}

/**
 * `z.strictObject` whose unknown-key issue carries a message per key. The error callback sees the
 * raw issue before zod copies it, so the hints it adds travel with the final issue.
 */
export function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code !== 'unrecognized_keys') return undefined;
      const hints = Object.fromEntries(iss.keys.map((k) => [k, unknownFieldMessage(k, known)]));
      (iss as UnknownKeyHints).fieldHints = hints;
      return iss.keys.map((k) => `${k}: ${hints[k]}`).join('; ');
    },
  });
}

export const int = (min: number, max: number) => z.number().int().min(min).max(max);

const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;

const withArticle = (t: string) =>
  t === 'int' ? 'a whole number' : t === 'object' || t === 'record' ? 'an object' : t === 'array' ? 'a list' : `a ${t}`;

const quote = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function bound(iss: { origin: string; inclusive?: boolean }, n: unknown, side: 'min' | 'max'): string {
  const word = side === 'min' ? (iss.inclusive ? 'at least' : 'more than') : iss.inclusive ? 'at most' : 'less than';
  if (iss.origin === 'array' || iss.origin === 'set') return `needs ${word} ${n} item${n === 1 ? '' : 's'}`;
  if (iss.origin === 'string') return side === 'min' && n === 1 ? 'must not be empty' : `needs ${word} ${n} characters`;
  return `must be ${word} ${n}`;
}

/**
 * Plain-language messages for the issues a spec can raise; pass as `{ error: plainError }` to a
 * parse. Never echoes the offending value beyond its kind, so messages stay short.
 */
export const plainError: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is required';
      if (iss.expected === 'int' && typeof iss.input === 'number') return 'must be a whole number';
      return `must be ${withArticle(iss.expected)}, not ${kindOf(iss.input)}`;
    case 'too_small':
      return bound(iss, iss.minimum, 'min');
    case 'too_big':
      return bound(iss, iss.maximum, 'max');
    case 'invalid_value':
      if (iss.input === undefined) return `is required: one of ${iss.values.map(quote).join(', ')}`;
      return iss.values.length === 1
        ? `must be ${quote(iss.values[0])}`
        : `must be one of ${iss.values.map(quote).join(', ')}`;
    case 'invalid_key':
      // a record key (a sweep axis) that breaks its rule: say the rule, not "Invalid key in record"
      return iss.issues[0]?.message;
    case 'invalid_union':
      // a discriminated union (data.kind) names its options; other unions keep zod's text
      return 'options' in iss && Array.isArray(iss.options)
        ? `must be one of ${iss.options.map(quote).join(', ')}`
        : undefined;
    default:
      return undefined;
  }
};
