"""Drives the whole backup API of a running Trove API, through python-troveclient and raw HTTP, and
records every exchange (recorder.py) to a JSON file for src/conformance/ to check against the spec.

    /usr/bin/python3 conformance/trove/drive.py --base-url http://127.0.0.1:8779 --workdir DIR --out FILE

Each request is labelled with the step it belongs to and, where the spec documents what must happen
(a success, a 404, a 422 ...), with the id of that claim (src/conformance/claims.ts). The run asserts
nothing itself: judging is the checker's job. It only stops (exit 3) when the server does not get where
a later step needs it (an instance that never becomes ACTIVE, a backup that never completes).
"""
import argparse
import json
import os
import sys
import time
import uuid

import requests
from keystoneauth1 import session as keystone_session
from keystoneauth1 import token_endpoint
from troveclient import client as trove_client
from troveclient import exceptions as trove_exceptions

from recorder import Recorder

HERE = os.path.dirname(os.path.abspath(__file__))
WAIT_SECONDS = 120
POLL_SECONDS = 0.25
USER_AGENT = "backup-api-specs-conformance (raw HTTP)"
FLAVOR = "1"
VOLUME = {"size": 2}


class DriverError(Exception):
    """The server did not reach a state a later step needs: the run cannot go on."""


class Account:
    """One Keystone project: its token, its URL prefix, a python-troveclient client and raw HTTP."""

    def __init__(self, base_url, token, tenant, recorder):
        self.token = token
        self.tenant = tenant
        self.prefix = f"/v1.0/{tenant}"
        self.base_url = base_url
        self.http = recorder.attach(requests.Session())
        auth = token_endpoint.Token(f"{base_url}{self.prefix}", token)
        session = keystone_session.Session(auth=auth, session=recorder.attach(requests.Session()))
        self.trove = trove_client.Client("1.0", session=session)

    def raw(self, method, path, body=None, text=None, token=None, prefix=None):
        """A request as a hand-written client sends it: JSON (or `text` verbatim) with the usual headers."""
        headers = {"X-Auth-Token": token or self.token, "Accept": "application/json", "User-Agent": USER_AGENT}
        data = None
        if body is not None or text is not None:
            headers["Content-Type"] = "application/json"
            data = text if text is not None else json.dumps(body)
        url = f"{self.base_url}{prefix if prefix is not None else self.prefix}{path}"
        response = self.http.request(method, url, headers=headers, data=data)
        try:
            return response.status_code, response.json()
        except ValueError:
            return response.status_code, None


def troveclient_call(function, *args, **kwargs):
    """Runs a python-troveclient call; its errors are answers to record, not failures of the run."""
    try:
        return function(*args, **kwargs)
    except trove_exceptions.ClientException as error:
        return error


class Run:
    def __init__(self, base_url, workdir):
        self.recorder = Recorder()
        with open(os.path.join(HERE, "tokens.json"), encoding="utf-8") as handle:
            tokens = json.load(handle)["tokens"]
        (alice_token, alice), (bob_token, bob) = sorted(tokens.items())
        self.alice = Account(base_url, alice_token, alice["tenant"], self.recorder)
        self.bob = Account(base_url, bob_token, bob["tenant"], self.recorder)
        self.release_dir = os.path.join(workdir, "release")

    # --- helpers -----------------------------------------------------------------------------------------
    def step(self, name, client="http", scope="spec", claim=None):
        return self.recorder.step(name, client, scope, claim)

    def observe(self, fact, detail):
        self.recorder.observe(fact, detail)

    def release(self, backup_id):
        """Lets a `held-…` backup finish (shims.py, _guest_backup)."""
        open(os.path.join(self.release_dir, backup_id), "w").close()

    def until(self, what, probe):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            result = probe()
            if result:
                return result
            time.sleep(POLL_SECONDS)
        raise DriverError(f"gave up after {WAIT_SECONDS} s waiting for {what}")

    def instance_status(self, instance_id):
        status, body = self.alice.raw("GET", f"/instances/{instance_id}")
        return body["instance"]["status"] if status == 200 else f"HTTP {status}"

    def wait_instances(self, instance_ids, status="ACTIVE"):
        self.recorder.polling("wait for the instances to be ACTIVE", scope="setup")
        pending = set(instance_ids)

        def probe():
            for instance_id in sorted(pending):
                found = self.instance_status(instance_id)
                if found == status:
                    pending.discard(instance_id)
                elif found in ("ERROR", "FAILED"):
                    raise DriverError(f"instance {instance_id} went to {found}")
            return not pending

        self.until(f"instances {sorted(pending)} to be {status}", probe)

    def backup_status(self, backup_id, account=None):
        status, body = (account or self.alice).raw("GET", f"/backups/{backup_id}")
        return body["backup"]["status"] if status == 200 else status

    def wait_backups(self, backup_ids, statuses=("COMPLETED",), client="http"):
        """Polls showBackup (through `client`) until every backup is in one of `statuses`."""
        self.recorder.polling(f"poll until {'/'.join(map(str, statuses))}", client=client)
        pending = set(backup_ids)

        def probe():
            for backup_id in sorted(pending):
                if client == "troveclient":
                    found = troveclient_call(self.alice.trove.backups.get, backup_id)
                    found = getattr(found, "status", getattr(found, "code", None))
                else:
                    found = self.backup_status(backup_id)
                if found in statuses:
                    pending.discard(backup_id)
                elif found == "FAILED":
                    raise DriverError(f"backup {backup_id} FAILED")
            return not pending

        self.until(f"backups {sorted(pending)} to be {statuses}", probe)

    def create_raw(self, name, instance_id, claim="succeeds", **fields):
        self.step(f"create backup {name}", claim=claim)
        status, body = self.alice.raw("POST", "/backups", {"backup": {"name": name, "instance": instance_id, **fields}})
        if status != 202:
            raise DriverError(f"creating backup {name} answered {status}: {body}")
        return body["backup"]

    def create_troveclient(self, name, instance_id, claim="succeeds", **fields):
        self.step(f"create backup {name}", client="troveclient", claim=claim)
        backup = troveclient_call(self.alice.trove.backups.create, name, instance_id, **fields)
        if isinstance(backup, Exception):
            raise DriverError(f"creating backup {name} failed: {backup}")
        return backup._info

    # --- the scenario ------------------------------------------------------------------------------------
    def run(self):
        started = time.monotonic()
        phases = (
            self.instances,
            self.full_and_incremental_backups,
            self.running_backup,
            self.parent_with_running_incremental,
            self.fill_pages,
            self.show_and_list,
            self.deleted_instance,
            self.delete_with_cascade,
            self.delete_failed,
            self.restore,
            self.bad_bodies,
            self.rackspace_only,
            self.other_tenant,
            self.unknown_ids,
        )
        for phase in phases:
            phase()
            print(f"{phase.__name__}: done after {time.monotonic() - started:.1f} s", flush=True)

    def instances(self):
        self.step("create instances A, B, C", client="troveclient", scope="setup")
        created = [
            troveclient_call(
                self.alice.trove.instances.create, name, FLAVOR, volume=VOLUME, datastore="mysql", datastore_version="5.7"
            )
            for name in ("conformance-a", "conformance-b", "conformance-c", "conformance-e")
        ]
        for instance in created:
            if isinstance(instance, Exception):
                raise DriverError(f"creating an instance failed: {instance}")
        self.a, self.b, self.c, self.e = (instance.id for instance in created)
        # A busy instance: E is still building.
        self.step("create a backup of an instance that is still building", claim="instance-busy")
        status, body = self.alice.raw("POST", "/backups", {"backup": {"name": "too-early", "instance": self.e}})
        self.observe("backup of a building instance", f"{status} {json.dumps(body)}")
        self.wait_instances([self.a, self.b, self.c, self.e])

    def full_and_incremental_backups(self):
        self.full_a = self.create_troveclient("full-a", self.a, description="Full backup of A")
        self.full_b = self.create_troveclient("full-b", self.b, swift_container="conformance-backups")
        self.full_c = self.create_raw("full-c", self.c, description="Full backup of C, raw HTTP")
        self.full_e = self.create_raw("full-e", self.e)
        self.wait_backups([self.full_a["id"], self.full_b["id"]], client="troveclient")
        self.wait_backups([self.full_c["id"], self.full_e["id"]])

        self.inc_a1 = self.create_troveclient("inc-a-1", self.a, parent_id=self.full_a["id"])
        self.wait_backups([self.inc_a1["id"]], client="troveclient")
        # An incremental of an incremental, raw, with the `incremental` flag python-troveclient sends.
        self.inc_a2 = self.create_raw("inc-a-2", self.a, parent_id=self.inc_a1["id"], incremental=1)
        # The Rackspace page's instance shape: `source` of type instance (Trove ignores `source`).
        self.src_b = self.create_raw("source-b", self.b, source={"type": "instance", "id": self.b})
        self.wait_backups([self.inc_a2["id"], self.src_b["id"]])
        # `incremental` without `parent_id`: Trove takes the instance's last completed backup as parent.
        self.inc_a3 = self.create_troveclient("inc-a-auto", self.a, incremental=True)
        self.wait_backups([self.inc_a3["id"]], client="troveclient")
        self.step("show the automatic incremental", client="troveclient", claim="succeeds")
        shown = troveclient_call(self.alice.trove.backups.get, self.inc_a3["id"])
        self.observe(
            "incremental without parent_id",
            f"parent_id {getattr(shown, 'parent_id', None)} (the instance's last completed backup was {self.inc_a2['id']})",
        )

    def running_backup(self):
        held = self.create_raw("held-c", self.c)
        self.wait_backups([held["id"]], statuses=("BUILDING",))
        self.step("instance status while its backup runs", scope="setup")
        self.observe("instance while its backup runs", f"status {self.instance_status(self.c)}")
        self.step("a second backup while one runs", client="troveclient", claim="instance-busy")
        second = troveclient_call(self.alice.trove.backups.create, "second-c", self.c)
        self.observe("second backup while one runs", repr(second))
        self.step("delete a running backup", claim="running-backup-not-deletable")
        self.alice.raw("DELETE", f"/backups/{held['id']}")
        self.step("restore from a running backup", client="troveclient", claim="restore-needs-completed-backup")
        troveclient_call(
            self.alice.trove.instances.create, "restore-too-early", FLAVOR, volume=VOLUME, restorePoint={"backupRef": held["id"]}
        )
        self.release(held["id"])
        self.wait_backups([held["id"]])
        self.held_c = held

    def parent_with_running_incremental(self):
        # A chain: held-c (COMPLETED) <- held-c-inc (running). Deleting the parent deletes its
        # incrementals first, and a running one cannot be deleted.
        child = self.create_raw("held-c-inc", self.c, parent_id=self.held_c["id"])
        self.wait_backups([child["id"]], statuses=("BUILDING",))
        self.step("delete a parent whose incremental is running", client="troveclient")
        answer = troveclient_call(self.alice.trove.backups.delete, self.held_c["id"])
        self.step("after deleting a parent whose incremental is running: the parent, the incremental")
        time.sleep(2)
        after = {name: self.backup_status(backup["id"]) for name, backup in (("parent", self.held_c), ("incremental", child))}
        self.observe("delete a parent whose only incremental is running", f"answer {answer!r}; two seconds later: {after}")

        # Siblings: full-b <- inc-b-1 (COMPLETED) and full-b <- held-inc-b-2 (running).
        done = self.create_troveclient("inc-b-1", self.b, parent_id=self.full_b["id"])
        self.wait_backups([done["id"]], client="troveclient")
        running = self.create_raw("held-inc-b-2", self.b, parent_id=self.full_b["id"])
        self.wait_backups([running["id"]], statuses=("BUILDING",))
        self.step("delete a parent with one finished and one running incremental")
        status, body = self.alice.raw("DELETE", f"/backups/{self.full_b['id']}")
        self.step("after deleting a parent with one finished and one running incremental")
        time.sleep(2)
        members = (("parent", self.full_b), ("finished incremental", done), ("running incremental", running))
        after = {name: self.backup_status(backup["id"]) for name, backup in members}
        self.observe(
            "delete a parent with one finished and one running incremental", f"answer {status} {json.dumps(body)}; two seconds later: {after}"
        )
        for backup in (child, running):
            self.release(backup["id"])
        self.wait_backups([child["id"], running["id"]])

    def fill_pages(self):
        """More than 20 backups, so that the default page of 20 is not the last one."""
        self.step("count the backups", claim="succeeds")
        status, body = self.alice.raw("GET", "/backups?limit=1000")
        count = len(body["backups"])
        round_number = 0
        while count <= 21:
            round_number += 1
            batch = [self.create_raw(f"fill-{round_number}-{name}", instance, claim="succeeds") for name, instance in (("a", self.a), ("b", self.b), ("c", self.c))]
            self.wait_backups([backup["id"] for backup in batch])
            count += len(batch)

    def show_and_list(self):
        self.step("show a backup", client="troveclient", claim="succeeds")
        troveclient_call(self.alice.trove.backups.get, self.full_a["id"])
        self.step("show a backup", claim="succeeds")
        self.alice.raw("GET", f"/backups/{self.full_c['id']}")

        self.step("list backups, first page", client="troveclient", claim="succeeds")
        first = troveclient_call(self.alice.trove.backups.list)
        self.step("list backups, next page", client="troveclient", claim="succeeds")
        troveclient_call(self.alice.trove.backups.list, marker=first.next)

        self.step("list backups with a limit above 20", claim="page-cap")
        status, body = self.alice.raw("GET", "/backups?limit=100")
        total = len(body["backups"])
        self.observe("limit=100", f"{total} backups of {total} in one page, links {json.dumps(body.get('links'))}")

        self.step("list backups 5 at a time", claim="succeeds")
        status, body = self.alice.raw("GET", "/backups?limit=5")
        self.step("list backups 5 at a time, the next link", claim="succeeds")
        self.follow_next(body)

        self.step("list backups, a full last page", claim="succeeds")
        status, body = self.alice.raw("GET", f"/backups?limit={total}")
        self.observe("full last page", f"{len(body['backups'])} of {total} backups, links {json.dumps(body.get('links'))}")
        self.step("list backups, the page after a full last page", claim="succeeds")
        status, body = self.follow_next(body)
        if status is not None:
            self.observe("the page after a full last page", f"{status}: {len(body['backups'])} backups, links {json.dumps(body.get('links'))}")

        self.step("list backups by datastore", client="troveclient", claim="succeeds")
        troveclient_call(self.alice.trove.backups.list, datastore="mysql")
        self.step("list backups by datastore", claim="succeeds")
        self.alice.raw("GET", "/backups?datastore=mysql&limit=3")
        self.step("list backups of an unknown datastore")
        status, body = self.alice.raw("GET", "/backups?datastore=nosuchdb")
        self.observe("unknown datastore filter", f"{status} {json.dumps(body)}")

        self.step("list backups by instance_id", client="troveclient", claim="succeeds")
        troveclient_call(self.alice.trove.backups.list, instance_id=self.a)
        self.step("list backups by instance_id", claim="succeeds")
        self.alice.raw("GET", f"/backups?instance_id={self.a}&limit=2")

        self.step("list an instance's backups", client="troveclient", claim="succeeds")
        page = troveclient_call(self.alice.trove.instances.backups, self.a, limit=2)
        self.step("list an instance's backups, next page", client="troveclient", claim="succeeds")
        troveclient_call(self.alice.trove.instances.backups, self.a, limit=2, marker=page.next)
        self.step("list an instance's backups", claim="succeeds")
        self.alice.raw("GET", f"/instances/{self.c}/backups")
        self.step("list the backups of an unknown instance", claim="not-found")
        self.alice.raw("GET", f"/instances/{uuid.uuid4()}/backups")

    def follow_next(self, page):
        """Requests the `next` link of a list page, if it has one; returns (status, body) or (None, None)."""
        links = [link for link in page.get("links", []) if link.get("rel") == "next"]
        if not links:
            return None, None
        href = links[0]["href"]
        path = href[href.index(self.alice.prefix) + len(self.alice.prefix) :]
        return self.alice.raw("GET", path)

    def deleted_instance(self):
        self.step("delete instance E", scope="setup")
        self.alice.raw("DELETE", f"/instances/{self.e}")
        self.recorder.polling("wait for instance E to be gone", scope="setup")
        self.until("instance E to be deleted", lambda: self.instance_status(self.e) == "HTTP 404")
        self.step("list the backups of a deleted instance")
        status, body = self.alice.raw("GET", f"/instances/{self.e}/backups")
        self.observe("list the backups of a deleted instance", f"{status} {json.dumps(body)}")
        self.step("list backups by the instance_id of a deleted instance", claim="succeeds")
        status, body = self.alice.raw("GET", f"/backups?instance_id={self.e}")
        self.observe("instance_id filter of a deleted instance", f"{status}: {len(body.get('backups', []))} backups")
        self.step("show a backup of a deleted instance", claim="succeeds")
        self.alice.raw("GET", f"/backups/{self.full_e['id']}")

    def delete_with_cascade(self):
        family = [self.full_a, self.inc_a1, self.inc_a2, self.inc_a3]
        self.step("delete a backup with incrementals (and an incremental of an incremental)", client="troveclient", claim="succeeds")
        troveclient_call(self.alice.trove.backups.delete, self.full_a["id"])
        self.step("show a backup right after deleting it")
        status, body = self.alice.raw("GET", f"/backups/{self.full_a['id']}")
        self.observe("show right after delete", f"{status} {body['backup']['status'] if status == 200 else json.dumps(body)}")
        started = time.monotonic()
        self.wait_backups([backup["id"] for backup in family], statuses=(404,))
        self.observe("delete cascade", f"the backup and its 3 incrementals were 404 within {time.monotonic() - started:.1f} s")

    def delete_failed(self):
        doomed = self.create_troveclient("swift-refuses-delete", self.b, swift_container="delete-fails")
        self.wait_backups([doomed["id"]], client="troveclient")
        self.step("delete a backup whose files swift refuses to delete", claim="succeeds")
        self.alice.raw("DELETE", f"/backups/{doomed['id']}")
        self.wait_backups([doomed["id"]], statuses=("DELETE_FAILED", 404))
        self.step("list the backup whose delete failed", claim="succeeds")
        status, body = self.alice.raw("GET", f"/backups?instance_id={self.b}")
        listed = [backup["status"] for backup in body["backups"] if backup["id"] == doomed["id"]]
        self.observe("a delete that swift refuses", f"show says {self.backup_status(doomed['id'])}; the list shows {listed}")
        self.step("delete a backup whose delete failed, again")
        status, body = self.alice.raw("DELETE", f"/backups/{doomed['id']}")
        self.observe("delete again after DELETE_FAILED", f"{status} {json.dumps(body)}")

    def restore(self):
        self.step("restore a backup into a new instance", client="troveclient", claim="succeeds")
        troveclient_call(
            self.alice.trove.instances.create, "restored-c", FLAVOR, volume=VOLUME, restorePoint={"backupRef": self.full_c["id"]}
        )
        self.step("restore a backup into a new instance (the Rackspace page's request)", claim="succeeds")
        self.alice.raw(
            "POST",
            "/instances",
            {"instance": {"flavorRef": 1, "name": "json_restore", "restorePoint": {"backupRef": self.full_c["id"]}, "volume": {"size": 2}}},
        )
        self.step("restore from an unknown backup", claim="not-found")
        self.alice.raw("POST", "/instances", {"instance": {"flavorRef": 1, "name": "r", "restorePoint": {"backupRef": str(uuid.uuid4())}, "volume": {"size": 2}}})
        for name, restore_point in (("backupRef not a UUID", {"backupRef": "not-a-uuid"}), ("restorePoint without backupRef", {})):
            self.step(f"bad restore body: {name}")
            self.alice.raw("POST", "/instances", {"instance": {"flavorRef": 1, "name": "r", "restorePoint": restore_point, "volume": {"size": 2}}})

    def bad_bodies(self):
        """Each field rule of the create body, on instance C (ready, no backup running)."""
        def backup(**fields):
            return {"backup": {"name": "bad-body", "instance": self.c, **fields}}

        refused = {
            "description null": backup(description=None),
            'description ""': backup(description=""),
            "description without a letter or digit": backup(description="--- !!!"),
            "parent_id null": backup(parent_id=None),
            "incremental true": backup(incremental=True),
            "incremental 2": backup(incremental=2),
            "instance not a UUID": backup(instance="not-a-uuid"),
            'name ""': backup(name=""),
            "name without a letter or digit": backup(name="---"),
            "name of 256 characters": backup(name="n" * 256),
            "name missing": {"backup": {"instance": self.c}},
            "instance missing": {"backup": {"name": "no-instance"}},
        }
        for name, body in refused.items():
            self.step(f"bad body: {name}")
            self.alice.raw("POST", "/backups", body)
        self.step("bad body: malformed JSON")
        self.alice.raw("POST", "/backups", text='{"backup": {"name": "broken", ')

        accepted = {
            "name of 65 characters": backup(name="n" * 65),
            "name of 255 characters": backup(name="n" * 255),
            "an unknown field in backup": backup(name="extra-field", colour="blue"),
            "an unknown top-level field": {"backup": {"name": "extra-top", "instance": self.c}, "dry_run": True},
        }
        for name, body in accepted.items():
            self.step(f"body Trove accepts: {name}")
            status, answer = self.alice.raw("POST", "/backups", body)
            if status == 202:
                self.wait_backups([answer["backup"]["id"]])

        self.step("create a backup of an unknown instance", claim="not-found")
        self.alice.raw("POST", "/backups", backup(name="ghost", instance=str(uuid.uuid4())))
        self.step("create an incremental of an unknown parent", claim="not-found")
        self.alice.raw("POST", "/backups", backup(name="orphan", parent_id=str(uuid.uuid4())))

    def rackspace_only(self):
        self.step("create an HA backup (the Rackspace page's request)")
        self.alice.raw("POST", "/backups", {"backup": {"name": "ha-backup1", "instance": None, "source": {"type": "ha", "id": self.c}}})
        self.step("show an HA instance")
        self.alice.raw("GET", f"/ha/{self.c}")
        self.step("list an HA instance's backups")
        self.alice.raw("GET", f"/ha/{self.c}/backups")
        self.step("list scheduled backups", claim="schedules-served")
        self.alice.raw("GET", "/schedules")
        self.step("create a scheduled backup", claim="schedules-served")
        self.alice.raw(
            "POST", "/schedules", {"schedule": {"action": "backup", "day_of_week": 0, "hour": 14, "minute": 30, "instance_id": self.c}}
        )
        self.step("show a scheduled backup")
        self.alice.raw("GET", f"/schedules/{uuid.uuid4()}")

    def other_tenant(self):
        alice_backup = self.full_c["id"]
        self.step("another account's token on this account's URL", claim="other-account-url")
        self.alice.raw("GET", "/backups", token=self.bob.token)
        self.step("another account's token on this account's backup", claim="other-account-url")
        self.alice.raw("GET", f"/backups/{alice_backup}", token=self.bob.token)
        self.step("another account's backup", client="troveclient", claim="not-found")
        troveclient_call(self.bob.trove.backups.get, alice_backup)
        self.step("delete another account's backup", claim="not-found")
        self.bob.raw("DELETE", f"/backups/{alice_backup}")
        self.step("back up another account's instance", claim="not-found")
        self.bob.raw("POST", "/backups", {"backup": {"name": "not-mine", "instance": self.c}})
        self.step("restore another account's backup", claim="not-found")
        self.bob.raw("POST", "/instances", {"instance": {"flavorRef": 1, "name": "r", "restorePoint": {"backupRef": alice_backup}, "volume": {"size": 2}}})
        self.step("list backups of an account that has none", client="troveclient", claim="succeeds")
        listed = troveclient_call(self.bob.trove.backups.list)
        self.observe("another account's list", f"{len(listed)} backups")

    def unknown_ids(self):
        self.step("show an unknown backup", client="troveclient", claim="not-found")
        troveclient_call(self.alice.trove.backups.get, str(uuid.uuid4()))
        self.step("show a backup ID that is not a UUID", claim="not-found")
        self.alice.raw("GET", "/backups/not-a-backup-id")
        self.step("delete an unknown backup", client="troveclient", claim="not-found")
        troveclient_call(self.alice.trove.backups.delete, str(uuid.uuid4()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--header", required=True, help="JSON object put at the top of the recording")
    args = parser.parse_args()
    run = Run(args.base_url, args.workdir)
    try:
        run.run()
    except DriverError as error:
        print(f"conformance driver: {error}", file=sys.stderr)
        run.recorder.write(args.out, json.loads(args.header))
        return 3
    run.recorder.write(args.out, json.loads(args.header))
    return 0


if __name__ == "__main__":
    sys.exit(main())
