/*
 * A catalog for the benchmark, built page by page from the sample data the
 * sample server serves (same preset and seed): components annotated with
 * their projects, groups named after teams, users with members' emails, and
 * the relations the catalog would derive (ownedBy, memberOf). Nothing is
 * held whole: each page is built when the sync asks for it, as the catalog
 * service streams them. It measures the engine's cost of the join, not the
 * catalog backend's.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  generateSampleData,
  type SizePreset,
} from '@sentry-graph/sentry-sample-server';
import type { CatalogReader } from '../plugins/sentry-graph-backend/src/catalog/syncCatalog';

export interface BenchCatalogSizes {
  components: number;
  groups: number;
  users: number;
}

type Lazy<T> = { count: number; get(index: number): T };

function lazy<T>(collection: readonly T[] | Lazy<T>): Lazy<T> {
  return Array.isArray(collection)
    ? { count: collection.length, get: i => collection[i] }
    : (collection as Lazy<T>);
}

export function benchCatalogReader(
  preset: SizePreset,
  sizes: BenchCatalogSizes,
): CatalogReader {
  const organizations = generateSampleData({ preset }).organizations;
  // Spread over the organizations, round robin.
  const pick = <T>(
    of: (org: (typeof organizations)[number]) => Lazy<T>,
    i: number,
  ) => {
    const org = organizations[i % organizations.length];
    const list = of(org);
    return {
      org,
      item: list.get(Math.floor(i / organizations.length) % list.count),
    };
  };
  const groupName = (i: number) =>
    pick(org => lazy(org.teams), i % sizes.groups).item.slug;

  function entityAt(index: number): Entity {
    if (index < sizes.groups) {
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: groupName(index), namespace: 'default' },
        spec: { type: 'team', children: [] },
      };
    }
    if (index < sizes.groups + sizes.users) {
      const i = index - sizes.groups;
      const member = pick(org => lazy(org.members), i).item;
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: `user-${i}`, namespace: 'default' },
        spec: { profile: { email: member.email }, memberOf: [groupName(i)] },
        relations: [
          { type: 'memberOf', targetRef: `group:default/${groupName(i)}` },
        ],
      };
    }
    const i = index - sizes.groups - sizes.users;
    const { org, item: project } = pick(o => lazy(o.projects), i);
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `component-${i}`,
        namespace: 'default',
        annotations: {
          'sentry.io/project-slug': `${org.organization.slug}/${project.slug}`,
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: groupName(i) },
      relations: [
        { type: 'ownedBy', targetRef: `group:default/${groupName(i)}` },
      ],
    };
  }

  const total = sizes.groups + sizes.users + sizes.components;
  return ({ pageSize }) => ({
    async *[Symbol.asyncIterator]() {
      for (let start = 0; start < total; start += pageSize) {
        const end = Math.min(total, start + pageSize);
        yield Array.from({ length: end - start }, (_, k) =>
          entityAt(start + k),
        );
      }
    },
  });
}
