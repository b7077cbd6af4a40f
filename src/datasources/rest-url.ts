/**
 * The REST call's URL. The organization and the path id are checked before any URL is built:
 * the organization lands in the host (`{orgId}`), and `encodeURIComponent('..')` is still `..`.
 */
import { pathIdName, restPath, type EndpointSpec } from '../catalog/index.js';
import { ValidationError } from '../errors.js';
import { clientHeaders, readHeader, type IncomingHeaders } from './request-headers.js';
import { isOrganizationId, isPathId } from '../rules.js';

export interface OrganizationPolicy {
  readonly defaultOrganization: string | null;
  readonly allowedOrganizations: ReadonlySet<string> | null;
}

/** `x-alvaria-org-id` when given, else the default; a DNS label, and an allowed one. */
export function resolveOrganization(incoming: IncomingHeaders, policy: OrganizationPolicy): string {
  const field = clientHeaders.organization;
  const organization = readHeader(incoming, field) ?? policy.defaultOrganization;
  if (organization === null) {
    throw new ValidationError(`No organization: send the ${field} header (no default organization is configured).`, field);
  }
  if (!isOrganizationId(organization)) {
    throw new ValidationError(
      `The organization must be a DNS label (letters, digits and inner hyphens, at most 63 characters).`,
      field,
    );
  }
  if (policy.allowedOrganizations && !policy.allowedOrganizations.has(organization)) {
    throw new ValidationError(`The organization "${organization}" is not served by this gateway.`, field);
  }
  return organization;
}

export function assertPathId(name: string, value: string): void {
  if (!isPathId(value)) {
    throw new ValidationError(
      `${name} must be 1 to 128 of the characters A-Z a-z 0-9 . _ ~ - and not "." or "..".`,
      name,
    );
  }
}

/** The base URL with the organization in place of `{orgId}`: checked first, as it may land in the host. */
export function organizationBaseUrl(baseUrl: string, organization: string): string {
  if (!isOrganizationId(organization)) throw new ValidationError('Invalid organization.', clientHeaders.organization);
  return baseUrl.replaceAll('{orgId}', organization);
}

/** `{base}/via/v2/organizations/{orgId}/engagementCenter/{resource}/{id}/{operation}`; base may hold `{orgId}`. */
export function restUrl(baseUrl: string, endpoint: EndpointSpec, organization: string, pathId: string): string {
  const base = organizationBaseUrl(baseUrl, organization);
  assertPathId(pathIdName(endpoint.resource), pathId);
  return base + restPath(endpoint, organization, pathId);
}
