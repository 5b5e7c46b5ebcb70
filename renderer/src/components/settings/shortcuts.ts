/** Keyboard shortcuts the workbench answers to, as Settings lists them. */

export interface Shortcut {
  keys: string;
  does: string;
}

export const SHORTCUTS: Array<{ area: string; items: Shortcut[] }> = [
  {
    area: 'Anywhere',
    items: [
      { keys: 'Alt+1', does: 'Design' },
      { keys: 'Alt+2', does: 'Live run' },
      { keys: 'Alt+3', does: 'History' },
      { keys: 'Alt+4', does: 'Compare' },
      { keys: 'Alt+5', does: 'Settings' },
      { keys: 'Alt+6', does: 'Studies' },
    ],
  },
  {
    area: 'History (runs table focused)',
    items: [
      { keys: '↑ / ↓', does: 'move the cursor' },
      { keys: 'Page Up / Page Down, Home / End', does: 'move by a screen, to the first / last run' },
      { keys: 'Shift+↑ / ↓', does: 'select from the anchor to the cursor' },
      { keys: 'Space', does: 'select / unselect the run under the cursor' },
      { keys: 'Enter', does: 'open the run in Live run' },
      { keys: 'F2 (or double-click the name)', does: 'rename the run; Enter saves, Esc cancels' },
      { keys: 'Delete', does: 'delete the selected runs (asks first)' },
      { keys: 'Esc', does: 'clear the selection' },
      { keys: 'Click / Shift+click / Ctrl+click (⌘ on macOS)', does: 'select one / a range / toggle one' },
    ],
  },
  {
    area: 'Dialogs',
    items: [
      { keys: 'Enter', does: 'confirm' },
      { keys: 'Esc', does: 'cancel' },
    ],
  },
];
