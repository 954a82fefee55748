import type { MemberJson, OrgRole } from '../types/sentryJson';
import type { SampleToken, TokenKind } from '../types/serverOptions';
import { ApiError, ERROR_BODIES } from './apiError';
import type { OrganizationView } from './organizationView';
import type { SampleStore } from './sampleStore';
import { expandScopes, ORG_ROLE_SCOPES } from './scopes';

/** Who is calling: the token, its kind and (for user tokens bound to a membership) its user. */
export interface Caller {
  kind: TokenKind;
  token: SampleToken;
  tokenScopes: Set<string>;
  /** Set for user tokens created with a memberId; undefined = a user acting like a superuser. */
  userId?: string;
}

/** The caller within one organization. */
export interface OrganizationAccess {
  caller: Caller;
  /** The caller's own membership (user tokens with a memberId only). */
  member?: MemberJson;
  orgRole?: OrgRole;
  /** Token scopes, narrowed by the member's role: a user token "is limited by the user's role". */
  scopes: Set<string>;
}

/**
 * Sentry's bearer authentication (StandardAuthentication.authenticate): another scheme is treated
 * as no credentials; a bearer header without exactly one token is rejected; an unknown token is
 * "Invalid token" ("Invalid org token" for the sntrys_ kind).
 */
export function authenticate(
  authorization: string | undefined,
  tokens: ReadonlyMap<string, SampleToken>,
  store: SampleStore,
): Caller {
  const parts = (authorization ?? '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0 || parts[0].toLowerCase() !== 'bearer') {
    throw new ApiError(401, ERROR_BODIES.notAuthenticated);
  }
  if (parts.length === 1)
    throw new ApiError(401, {
      detail: 'Invalid token header. No credentials provided.',
    });
  if (parts.length > 2) {
    throw new ApiError(401, {
      detail: 'Invalid token header. Token string should not contain spaces.',
    });
  }
  const token = tokens.get(parts[1]);
  if (!token) {
    throw new ApiError(
      401,
      parts[1].startsWith('sntrys_')
        ? ERROR_BODIES.invalidOrgToken
        : ERROR_BODIES.invalidToken,
    );
  }
  const kind = token.kind ?? 'user';
  const userId =
    kind === 'user' && token.memberId
      ? (store.userIdOfMember(token.memberId) ?? undefined)
      : undefined;
  return { kind, token, tokenScopes: expandScopes(token.scopes), userId };
}

/**
 * The caller's standing in an organization, or 403 when it has none there: a token bound to
 * another organization, or a user who is not a member.
 */
export function accessTo(
  caller: Caller,
  view: OrganizationView,
): OrganizationAccess {
  if (caller.kind !== 'user') {
    const bound = caller.token.organization;
    if (bound !== undefined && bound !== view.slug && bound !== view.id)
      throw ApiError.forbidden();
    return { caller, scopes: caller.tokenScopes };
  }
  if (caller.token.memberId === undefined)
    return { caller, scopes: caller.tokenScopes };
  const member =
    caller.userId === undefined
      ? undefined
      : view.memberByUserId(caller.userId);
  if (!member) throw ApiError.forbidden();
  const orgRole = member.orgRole ?? member.role;
  const roleScopes = expandScopes(ORG_ROLE_SCOPES[orgRole] ?? []);
  const scopes = new Set(
    [...caller.tokenScopes].filter(scope => roleScopes.has(scope)),
  );
  return { caller, member, orgRole, scopes };
}

/** Any one accepted scope is enough (the permission classes' scope_map). */
export function requireAnyScope(
  scopes: ReadonlySet<string>,
  accepted: readonly string[],
): void {
  if (!accepted.some(scope => scopes.has(scope))) throw ApiError.forbidden();
}
