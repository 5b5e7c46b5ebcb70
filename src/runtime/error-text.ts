/**
 * Error text fit to show a user: the first line, with file paths cut to their file names. A path into
 * this app's sources or node_modules helps no user and exposes the install's layout. No tfjs here:
 * the service's own process uses it too.
 */

/**
 * An absolute, ./ or ../ or file:// path, or a relative one through node_modules or src; a package
 * name like @scope/name is none of these and stays.
 */
const PATH =
  /(?<![\w@.-])(?:file:\/\/)?(?:[A-Za-z]:[\\/]|\.{0,2}\/|(?=[^\s'"`]*\b(?:node_modules|src)[\\/]))(?:[^\s'"`()[\]{}<>,;]+[\\/])*([^\s'"`()[\]{}<>,;\\/]+)/g;

/** A source file of the app or a package, with an optional :line:column */
const SOURCE = /\.(?:[cm]?[jt]sx?|vue)(?::\d+)*$/;

/**
 * `message` with every file path replaced by its file name (a library such as libcudnn.so.8 is the
 * useful part), a source file's by "app code", and no "imported from <file>" clause.
 */
export function withoutPaths(message: string): string {
  return message
    .replace(/\s+imported from \S+/g, '')
    .replace(PATH, (_m, name: string) => (SOURCE.test(name) ? 'app code' : name));
}

/** First line of an error's message, without the stack and without file paths. */
export function errorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  return withoutPaths(raw.split('\n')[0].trim());
}
