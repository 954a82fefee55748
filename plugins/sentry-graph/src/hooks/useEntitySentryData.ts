import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { sentryGraphApiRef } from '../api';

/** The Sentry side of the entity whose page this is. */
export function useEntitySentryData() {
  const { entity } = useEntity();
  const api = useApi(sentryGraphApiRef);
  const ref = {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
  return useAsync(
    () => api.getEntity(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}
