"""Records every HTTP exchange of the conformance run, whichever client made it.

python-troveclient talks through a keystoneauth1 session and the raw calls through a plain requests
session; both are requests.Session objects underneath, so one response hook on each sees every request
exactly as it went on the wire (method, path, headers, body) and the answer as it came back.
"""
import json
import os
import urllib.parse


class Recorder:
    def __init__(self):
        self.exchanges = []
        self.observations = []
        self.polls_not_recorded = 0
        self._step = "start"
        self._client = "http"
        self._scope = "spec"
        self._claim = None
        self._poll = False
        self._last_poll = {}

    # --- what the next exchanges are -------------------------------------------------------------
    def step(self, name, client="http", scope="spec", claim=None):
        """Labels the exchanges that follow: `name` says what the run is doing, `client` which client
        sends it, `scope` "spec" (checked against the spec) or "setup" (instance calls the spec does not
        describe), `claim` the id of a behaviour the spec documents for it (src/conformance/claims.ts)."""
        self._step, self._client, self._scope, self._claim, self._poll = name, client, scope, claim, False
        return self

    def polling(self, name, client="http", scope="spec"):
        """Like step(), for a poll: an answer equal to the previous one of the same URL is counted,
        not recorded again, so that the recording holds each state change once."""
        self.step(name, client, scope)
        self._poll = True
        return self

    def observe(self, fact, detail):
        self.observations.append({"fact": fact, "detail": detail})

    # --- the hook ------------------------------------------------------------------------------------
    def hook(self, response, *args, **kwargs):
        request = response.request
        url = urllib.parse.urlsplit(request.url)
        path = url.path + (f"?{url.query}" if url.query else "")
        body = request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", errors="replace")
        exchange = {
            "step": self._step,
            "client": self._client,
            "scope": self._scope,
            "request": {
                "method": request.method,
                "path": path,
                "headers": dict(request.headers),
                "body": body if body is not None else "",
            },
            "response": {
                "status": response.status_code,
                "headers": {key: value for key, value in response.headers.items() if key.lower() != "date"},
                "body": response.text,
            },
        }
        if self._claim:
            exchange["claim"] = self._claim
        if self._poll:
            key = (request.method, path)
            seen = (response.status_code, response.text)
            if self._last_poll.get(key) == seen:
                self.polls_not_recorded += 1
                return response
            self._last_poll[key] = seen
            exchange["poll"] = True
        self.exchanges.append(exchange)
        return response

    def attach(self, session):
        session.hooks["response"].append(self.hook)
        return session

    # --- output ---------------------------------------------------------------------------------------
    def write(self, path, header):
        """Writes the recording atomically: the header and observations indented, then one exchange a
        line, so that a refreshed fixture diffs exchange by exchange."""
        document = dict(header)
        document["polls_not_recorded"] = self.polls_not_recorded
        document["observations"] = self.observations
        head = json.dumps(document, indent=1, ensure_ascii=False)[:-2]
        lines = ",\n".join(json.dumps(exchange, ensure_ascii=False) for exchange in self.exchanges)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(f'{head},\n "exchanges": [\n{lines}\n ]\n}}\n')
        os.replace(temporary, path)
