/** The ApiClient in-process: straight onto a Service (tests, and the door the others mirror). */
import type { ApiClient, Envelope, Input, Method, Output } from './contract.ts';
import type { Service } from './service.ts';

export function createLocalClient(service: Service): ApiClient {
  return {
    invoke: <M extends Method>(method: M, input: Input<M>) =>
      // a structured clone, as IPC and HTTP would do: no shared objects between client and service
      service.handle(method, structuredClone(input)).then((r) => structuredClone(r) as Envelope<Output<M>>),
    subscribe: (event, cb) => service.on(event, (p) => cb(structuredClone(p))),
  };
}
