// Generated README sections: each lives between `<!-- NAME:start -->` and `<!-- NAME:end -->`.
// `npm run docs` rewrites them from the built code; test/unit/readme.test.ts fails when they drift.

export function replaceSection(readme: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README has no ${name} section markers`);
  return `${readme.slice(0, from + start.length)}\n${body}\n${readme.slice(to)}`;
}

export function readSection(readme: string, name: string): string | undefined {
  const start = `<!-- ${name}:start -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(`<!-- ${name}:end -->`);
  if (from < 0 || to < from) return undefined;
  return readme.slice(from + start.length, to).trim();
}
