"""A stand-in for keystonemiddleware's auth_token in the Trove API's paste pipeline.

Keystone is the one service fake mode cannot do without: Trove's ContextMiddleware reads the project
and roles from the headers auth_token sets, and its TenantBasedAuth compares that project with the
tenant in the URL. This filter sets the same headers from a fixed token table (tokens.json), so the
tenant check, the 403 for another tenant's URL and every per-tenant query run as in production.
"""
import json
import os

import webob
import webob.exc

# Headers auth_token owns: a client must not be able to set them (keystonemiddleware removes them too).
IDENTITY_HEADERS = ("X-Tenant-Id", "X-Tenant-Name", "X-Project-Id", "X-User-Id", "X-User-Name", "X-Role", "X-Roles",
                    "X-Identity-Status", "X-Service-Catalog")
TOKENS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tokens.json")


def load_tokens():
    with open(TOKENS_FILE, encoding="utf-8") as handle:
        return json.load(handle)["tokens"]


class AuthFilter:
    def __init__(self, app, tokens):
        self.app = app
        self.tokens = tokens

    def __call__(self, environ, start_response):
        request = webob.Request(environ)
        for header in IDENTITY_HEADERS:
            request.headers.pop(header, None)
        grant = self.tokens.get(request.headers.get("X-Auth-Token", ""))
        if grant is None:
            # keystonemiddleware answers an unknown token with 401; the conformance run never sends one,
            # since that answer would be this stand-in's, not Trove's.
            return webob.exc.HTTPUnauthorized("The request you have made requires authentication.")(environ, start_response)
        request.headers["X-Identity-Status"] = "Confirmed"
        request.headers["X-Tenant-Id"] = grant["tenant"]
        request.headers["X-Project-Id"] = grant["tenant"]
        request.headers["X-User-Id"] = grant["user"]
        request.headers["X-Role"] = ",".join(grant.get("roles", ["member"]))
        request.headers["X-Roles"] = request.headers["X-Role"]
        return self.app(environ, start_response)


def filter_factory(global_conf, **local_conf):
    tokens = load_tokens()
    return lambda app: AuthFilter(app, tokens)
