/** Text and attribute values into HTML: every stored string (a claim, an arm, a spec) goes through here. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const esc = (text: unknown): string => String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
