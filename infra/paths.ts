import path from 'node:path';

/** The project's root folder, whether running from sources (ts) or from dist/ (compiled js). */
export const projectRoot: string = (() => {
  let dir = __dirname;
  while (path.basename(dir) !== 'infra') dir = path.dirname(dir);
  const parent = path.dirname(dir);
  return path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
})();

export const fromRoot = (...parts: string[]): string => path.join(projectRoot, ...parts);
