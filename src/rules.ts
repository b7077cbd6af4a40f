/** The contract's rules for values that end up in a URL or a header. */

const ORGANIZATION_ID = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const PATH_ID = /^[A-Za-z0-9._~-]{1,128}$/;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
export const MAX_HEADER_LENGTH = 4096;

/** A DNS label: safe in the host template and in the path. */
export const isOrganizationId = (value: string): boolean => ORGANIZATION_ID.test(value);

/** Unreserved URL characters only, and not a dot segment (`encodeURIComponent('..')` is `..`). */
export const isPathId = (value: string): boolean => PATH_ID.test(value) && value !== '.' && value !== '..';

/** Printable ASCII (TAB excluded), at most 4096 characters. */
export const isPrintableHeaderValue = (value: string): boolean =>
  value.length <= MAX_HEADER_LENGTH && PRINTABLE_ASCII.test(value);
