import type { SampleData, SampleOrganization } from '../types/sampleData';
import { OrganizationView } from './organizationView';

/** The whole data set the server answers from; replaced as a unit by setData(). */
export class SampleStore {
  readonly organizations: OrganizationView[];
  private readonly bySlug = new Map<string, OrganizationView>();
  private readonly byId = new Map<string, OrganizationView>();
  private readonly userIdByMemberId = new Map<string, string | null>();

  constructor(data: SampleData) {
    this.organizations = data.organizations.map(
      organization => new OrganizationView(organization),
    );
    for (const view of this.organizations) {
      this.bySlug.set(view.slug, view);
      this.byId.set(view.id, view);
    }
  }

  /** `{org}` in a path: a numeric id or a slug (Sentry slugs are never all digits). */
  organization(idOrSlug: string): OrganizationView | undefined {
    return /^\d+$/.test(idOrSlug)
      ? (this.byId.get(idOrSlug) ?? this.bySlug.get(idOrSlug))
      : this.bySlug.get(idOrSlug);
  }

  /** Puts a changed view of an organization in place of the one with the same id. */
  replace(view: OrganizationView): void {
    const position = this.organizations.findIndex(
      organization => organization.id === view.id,
    );
    if (position < 0) return;
    this.organizations[position] = view;
    this.bySlug.set(view.slug, view);
    this.byId.set(view.id, view);
  }

  /** Puts an organization's changed data in place of the view's (a new view: caches start empty). */
  replaceSource(source: SampleOrganization): void {
    this.replace(new OrganizationView(source));
    this.userIdByMemberId.clear();
  }

  /** The data the store serves now, with every change and deleted row in it. */
  data(): SampleData {
    return { organizations: this.organizations.map(view => view.source) };
  }

  /** The user behind a membership id, searched across organizations (a token acts as its user). */
  userIdOfMember(memberId: string): string | null {
    if (!this.userIdByMemberId.has(memberId)) {
      let userId: string | null = null;
      for (const view of this.organizations) {
        const member = view.memberById(memberId);
        if (member) {
          userId = member.user?.id ?? null;
          break;
        }
      }
      this.userIdByMemberId.set(memberId, userId);
    }
    return this.userIdByMemberId.get(memberId) ?? null;
  }
}
