import type { Listing } from '../../collection';
import { ApiError } from '../apiError';
import type { OrganizationRequest } from './handlerContext';

/**
 * `sortBy` as the workflow-engine endpoints validate it (a bad field is a 400 with a field error).
 * The sample server orders by id only: `-id` reverses; other valid fields are served in id order.
 */
export function orderedBySortParam<T>(
  context: OrganizationRequest,
  listing: Listing<T>,
  valid: readonly string[],
): Listing<T> {
  const sortBy = context.query.get('sortBy');
  if (sortBy === null) return listing;
  if (!valid.includes(sortBy.replace(/^-/, '')))
    throw new ApiError(400, { sortBy: ['Invalid sort field'] });
  if (sortBy !== '-id') return listing;
  return {
    count: listing.count,
    get: index => listing.get(listing.count - 1 - index),
  };
}
