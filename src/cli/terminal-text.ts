/**
 * User text on a terminal (run names, notes, tags, messages quoting them): control characters are
 * shown escaped, never sent, so a name cannot write the clipboard (OSC 52), clear the screen or set
 * the window title. Escaping the ESC byte is enough to defuse a whole sequence; the rest prints as text.
 */

/** C0 controls, DEL and C1 controls; tab stays, and newline in multi-line text. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;
const CONTROL_BUT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

const escape = (c: string) => {
  const code = c.charCodeAt(0);
  return code === 0x0a ? '\\n' : code === 0x0d ? '\\r' : `\\x${code.toString(16).padStart(2, '0')}`;
};

/** `text` safe to print: every control character as a visible escape such as \x1b. */
export function terminalText(text: string, o: { multiline?: boolean } = {}): string {
  return text.replace(o.multiline ? CONTROL_BUT_NEWLINE : CONTROL, escape);
}
