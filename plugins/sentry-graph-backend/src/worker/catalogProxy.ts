import type { Entity } from '@backstage/catalog-model';
import type { CatalogReader } from '../catalog/syncCatalog';
import { encodeCatalogRequest } from './catalogRequest';
import type { MainMessage, WorkerMessage } from './protocol';

type PageAnswer = Extract<
  MainMessage,
  { type: 'catalog-page' | 'catalog-end' | 'catalog-error' }
>;

/**
 * The worker's side of the catalog: Backstage's CatalogService lives on
 * the plugin's thread, so the worker's reader asks that thread for each
 * page in turn (catalogPages.ts answers) and the join runs here. One page
 * is asked for at a time, when the join wants it, as the join read it
 * before it moved here: the worker never holds more than a page.
 */
export class CatalogProxy {
  private nextReaderId = 1;
  private readonly waiting = new Map<number, (answer: PageAnswer) => void>();

  constructor(private readonly post: (message: WorkerMessage) => void) {}

  readonly read: CatalogReader = request => {
    const readerId = this.nextReaderId++;
    return { [Symbol.asyncIterator]: () => this.pages(readerId, request) };
  };

  /** Takes an answer from the plugin's thread; false when it is not the catalog's. */
  handle(message: MainMessage): boolean {
    if (message.type === 'abort') return false;
    const resolve = this.waiting.get(message.readerId);
    this.waiting.delete(message.readerId);
    resolve?.(message);
    return true;
  }

  private async *pages(
    readerId: number,
    request: Parameters<CatalogReader>[0],
  ): AsyncGenerator<Entity[]> {
    this.post({
      type: 'catalog-open',
      readerId,
      request: encodeCatalogRequest(request),
    });
    let ended = false;
    try {
      for (;;) {
        const answer = await this.ask(readerId);
        if (answer.type === 'catalog-error') {
          ended = true;
          throw new Error(answer.message);
        }
        if (answer.type === 'catalog-end') {
          ended = true;
          return;
        }
        yield answer.page;
      }
    } finally {
      // The join stopped early (an abort, a failed write): let the
      // plugin's thread close its read of the catalog too.
      if (!ended) this.post({ type: 'catalog-close', readerId });
    }
  }

  private ask(readerId: number): Promise<PageAnswer> {
    return new Promise(resolve => {
      this.waiting.set(readerId, resolve);
      this.post({ type: 'catalog-next', readerId });
    });
  }
}
