import type { Entity } from '@backstage/catalog-model';
import type { CatalogReader } from '../catalog/syncCatalog';
import { describeError } from '../sync/describeError';
import { decodeCatalogRequest } from './catalogRequest';
import type { MainMessage, WorkerMessage } from './protocol';

type CatalogAsk = Extract<
  WorkerMessage,
  { type: 'catalog-open' | 'catalog-next' | 'catalog-close' }
>;

/**
 * The plugin's side of the worker's catalog reads (catalogProxy.ts): opens
 * a read of Backstage's catalog when the worker asks, and answers each ask
 * for the next page with the page (entities are plain JSON) or the end.
 * A read that fails answers with its message; the join reports it.
 */
export class CatalogPages {
  private readonly reads = new Map<number, AsyncIterator<Entity[]>>();

  constructor(
    private readonly read: CatalogReader,
    private readonly post: (message: MainMessage) => void,
    /** Keeps secrets out of what is posted. */
    private readonly redact: (text: string) => string,
  ) {}

  handle(ask: CatalogAsk): void {
    if (ask.type === 'catalog-open') {
      this.reads.set(
        ask.readerId,
        this.read(decodeCatalogRequest(ask.request))[Symbol.asyncIterator](),
      );
    } else if (ask.type === 'catalog-next') {
      void this.next(ask.readerId);
    } else {
      this.close(ask.readerId);
    }
  }

  /** Ends every read still open: the worker has gone. */
  closeAll(): void {
    for (const readerId of [...this.reads.keys()]) this.close(readerId);
  }

  private async next(readerId: number): Promise<void> {
    const pages = this.reads.get(readerId);
    if (!pages) {
      this.post({ type: 'catalog-end', readerId });
      return;
    }
    try {
      const next = await pages.next();
      if (next.done) {
        this.reads.delete(readerId);
        this.post({ type: 'catalog-end', readerId });
      } else {
        this.post({ type: 'catalog-page', readerId, page: next.value });
      }
    } catch (error) {
      this.reads.delete(readerId);
      this.post({
        type: 'catalog-error',
        readerId,
        message: this.redact(describeError(error)),
      });
    }
  }

  private close(readerId: number): void {
    const pages = this.reads.get(readerId);
    this.reads.delete(readerId);
    // Ends the catalog service's stream; its own errors are not the run's.
    void pages?.return?.().catch(() => undefined);
  }
}
