"""Starts Debian's OpenStack Trove API (python3-trove) in fake mode on 127.0.0.1, for `npm run conformance`.

    /usr/bin/python3 conformance/trove/launcher.py --port 8779 --workdir /tmp/trove-xyz

Makes a sqlite database in --workdir and migrates it with Trove's own db_sync, registers the mysql
datastore and its version 5.7 (as `trove-manage datastore_update` / `datastore_version_update` would:
trove-manage itself crashes on Python 3.11, where inspect.getargspec is gone), then serves Trove's
paste pipeline (api-paste.ini) with the taskmanager in the same process on oslo.messaging's fake://
transport, as upstream's trove/cmd/fakemode.py does. Prints `TROVE READY <url>` on stdout once the
API answers, and serves until it is sent SIGTERM.
"""
import argparse
import os
import secrets
import string
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def die_with_parent():
    """Linux's PR_SET_PDEATHSIG: if the process that started the server dies, however it dies, the
    server gets SIGTERM instead of serving on, orphaned."""
    import ctypes
    import signal

    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


# Before the imports, which take seconds on a busy machine.
die_with_parent()

# Trove's command modules monkeypatch eventlet on import; everything below must run after that.
import trove.cmd  # noqa: E402,F401

DATASTORE = "mysql"
DATASTORE_VERSION = "5.7"
# The fake nova boots any image; the ID only has to be a UUID the fake glance knows.
IMAGE_ID = "c1b2a3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"


def write_config(workdir, port):
    with open(os.path.join(HERE, "trove.conf.template"), encoding="utf-8") as handle:
        template = string.Template(handle.read())
    config = template.substitute(
        port=port,
        paste=os.path.join(HERE, "api-paste.ini"),
        log_file=os.path.join(workdir, "trove-api.log"),
        sqlite=os.path.join(workdir, "trove.sqlite"),
        encr_key=secrets.token_hex(16),
    )
    path = os.path.join(workdir, "trove.conf")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(config)
    return path


def initialize(config_path):
    """trove.cmd.common.initialize, with the database migrated before Trove maps its tables (which fails
    on an empty database)."""
    from oslo_log import log as logging

    from trove import rpc
    from trove.common import cfg
    from trove.db import get_db_api

    conf = cfg.CONF
    cfg.parse_args(["trove-conformance", "--config-file", config_path])
    logging.setup(conf, None)
    rpc.init(conf)
    import shims

    shims.apply(IMAGE_ID, os.getcwd())
    get_db_api().db_sync(conf)
    get_db_api().configure_db(conf)
    register_datastore()
    return conf


def register_datastore():
    from trove.datastore import models as datastore_models

    datastore_models.update_datastore(DATASTORE, None)
    datastore_models.update_datastore_version(DATASTORE, DATASTORE_VERSION, DATASTORE, IMAGE_ID, "", "", True)
    datastore_models.update_datastore(DATASTORE, DATASTORE_VERSION)


def serve(conf, port):
    from trove.common import wsgi
    from trove.common.rpc import service as rpc_service
    from trove.common.rpc import version as rpc_version

    launcher = wsgi.launch("trove", port, conf.api_paste_config, host="127.0.0.1", workers=1)
    taskmanager = rpc_service.RpcService(
        key=conf.taskmanager_rpc_encr_key,
        topic=conf.taskmanager_queue,
        rpc_api_version=rpc_version.RPC_API_VERSION,
        manager="trove.taskmanager.manager.Manager",
    )
    taskmanager.start()
    print(f"TROVE READY http://127.0.0.1:{port}", flush=True)
    launcher.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workdir", required=True)
    args = parser.parse_args()
    config_path = write_config(args.workdir, args.port)
    # Anything Trove writes relative to the working directory lands in the run's temporary folder.
    os.chdir(args.workdir)

    conf = initialize(config_path)
    serve(conf, args.port)


if __name__ == "__main__":
    main()
