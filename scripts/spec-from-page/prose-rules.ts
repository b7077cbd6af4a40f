/**
 * Facts the page states in words, not in a table column. Each rule is one phrase the page uses;
 * spec/README.md lists them.
 */

/** Widdershins, which rendered the page, prints "none" where the source has no description. */
export const descriptionFrom = (cell: string): string | undefined => (cell === 'none' ? undefined : cell);

/** "This is a collection of up to 20 user fields." on an array: at most 20 items. */
export function maxItemsFrom(description: string | undefined): number | undefined {
  const match = /\bcollection of up to (\d+)\b/.exec(description ?? '');
  return match ? Number(match[1]) : undefined;
}

/** "Deprecated. Not used. This property is being deprecated. …" */
export const isDeprecated = (description: string | undefined): boolean => /^Deprecated\./.test(description ?? '');

/** "License: License: Creative Commons …": the page prints the label twice and no URL. */
export const licenseNameFrom = (line: string): string => line.replace(/^(License: )+/, '');

/**
 * "Base URLs:" lists nothing, so the server is the code samples' origin, where a host label
 * spelled like a path parameter (`https://orgId.via…`) stands for that parameter.
 */
export function serverUrlFrom(origin: string, pathParameters: readonly string[]): { url: string; variables: string[] } {
  const variables: string[] = [];
  const url = origin.replace(/(?<=^https?:\/\/|\.)[^./:]+(?=[.:]|$)/g, (label) => {
    if (!pathParameters.includes(label)) return label;
    variables.push(label);
    return `{${label}}`;
  });
  return { url, variables };
}
