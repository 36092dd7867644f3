// The clients' unit tests inject `fetch`, as openapi-fetch's own tests do (createObservedClient in
// openapi-fetch/test/helpers.ts): every request is recorded and answered in-process, with no server,
// no shared mock state and no network.
export interface ObservedFetch {
  /** What the client sent, in order. */
  readonly requests: Request[];
  readonly fetch: (request: Request) => Promise<Response>;
}

export function observedFetch(respond: (request: Request) => Response | Promise<Response> = () => Response.json({})): ObservedFetch {
  const requests: Request[] = [];
  return {
    requests,
    async fetch(request) {
      requests.push(request);
      return respond(request);
    },
  };
}
