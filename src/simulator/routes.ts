/** Maps a REST path to its catalog entry: `/via/v2/organizations/{orgId}/engagementCenter/{resource}/{id}/{operation}`. */
import { endpoints, type EndpointSpec } from '../catalog/index.js';

export interface RouteMatch {
  readonly endpoint: EndpointSpec;
  readonly organization: string;
  readonly pathId: string;
}

const byRoute = new Map<string, EndpointSpec>(
  endpoints.map((endpoint) => [`${endpoint.resource}/${endpoint.operation}`, endpoint]),
);

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function matchRoute(pathname: string): RouteMatch | null {
  const segments = pathname.split('/');
  if (segments.length !== 9) return null;
  const [empty, via, version, organizations, org, engagementCenter, resource, id, operation] = segments;
  if (empty !== '' || via !== 'via' || version !== 'v2' || organizations !== 'organizations') return null;
  if (engagementCenter !== 'engagementCenter') return null;
  const endpoint = byRoute.get(`${resource}/${operation}`);
  const organization = decode(org ?? '');
  const pathId = decode(id ?? '');
  if (!endpoint || !organization || !pathId) return null;
  return { endpoint, organization, pathId };
}
