"""Where Trove 18's own fakes (trove/tests/fakes, shipped by python3-trove) lag the code they fake.

Each shim below says what broke without it. They change the fakes of the services behind the API
(nova, cinder, swift, the guest agent) and add the missing fake glance; the one touch of a Trove class is
a read-only alias the fakes read (_context_tenant). The API's controllers, validation, models and fault
handling run unchanged, so what it answers is Trove's own.
"""
import os


class _FakeImages:
    """Trove 18 checks the datastore version's image in glance before it creates an instance
    (trove/common/glance.py, get_image_id); trove.tests.fakes has no glance at all."""

    def __init__(self, image_ids):
        self._image_ids = set(image_ids)

    def get(self, image_id):
        from glanceclient import exc

        if image_id not in self._image_ids:
            raise exc.HTTPNotFound(f"image {image_id}")
        return {"id": image_id, "status": "active"}

    def list(self, filters=None, sort=None, limit=None):
        return [{"id": image_id, "status": "active"} for image_id in sorted(self._image_ids)][:limit]


class _FakeGlance:
    def __init__(self, image_ids):
        self.images = _FakeImages(image_ids)


IMAGE_IDS = []


def fake_create_glance_client(context, region_name=None):
    return _FakeGlance(IMAGE_IDS)


def _context_tenant():
    """The fakes read `context.tenant` (fakes/nova.py, can_see; FakeServer.tenant), an alias
    oslo.context dropped; TroveContext keeps the same value as `project_id`. Without it every fake
    volume and server lookup raised AttributeError and every instance went to ERROR."""
    from trove.common.context import TroveContext

    if not hasattr(TroveContext, "tenant"):
        TroveContext.tenant = property(lambda self: self.project_id)


def _servers_create_meta():
    """Trove 18's taskmanager boots servers with `meta=` (taskmanager/models.py, _create_server);
    the fake nova's FakeServers.create() has no such parameter, so every instance went to ERROR."""
    from trove.tests.fakes import nova

    create = nova.FakeServers.create

    def create_ignoring_meta(self, *args, meta=None, **kwargs):
        return create(self, *args, **kwargs)

    nova.FakeServers.create = create_ignoring_meta


def _guest_prepare_ds_version():
    """Trove 18's taskmanager prepares the guest with `ds_version=` (taskmanager/models.py,
    _guest_prepare); the fake guest's prepare() has no such parameter, so every instance went to ERROR."""
    from trove.tests.fakes import guestagent

    prepare = guestagent.FakeGuest.prepare

    def prepare_ignoring_ds_version(self, *args, ds_version=None, **kwargs):
        return prepare(self, *args, **kwargs)

    guestagent.FakeGuest.prepare = prepare_ignoring_ds_version


def _server_status_active():
    """The fake nova moves a booted server to "HEALTHY", nova's status of long ago; Trove 18 reads
    the server status as nova reports it today ("ACTIVE", instance/models.py, SimpleInstance.status) and
    showed every built instance as UNKNOWN, on which no backup can be taken."""
    from trove.tests.fakes import nova

    status = nova.FakeServer.status.fget
    nova.FakeServer.status = property(lambda self: "ACTIVE" if status(self) == "HEALTHY" else status(self))


def _volumes_list_search_opts():
    """Trove 18 finds an instance's volumes to delete with `volumes.list(search_opts={"name": …})`
    (instance/models.py, _delete_resources); the fake cinder's list() takes no filter, so deleting an
    instance failed and it stayed SHUTDOWN for ever."""
    from trove.tests.fakes import nova

    def list_volumes(self, detailed=True, search_opts=None):
        name = (search_opts or {}).get("name")
        return [volume for volume in self.db.values() if name is None or volume.name == name]

    nova.FakeVolumes.list = list_volumes


# The fakes' delays, scaled (see _faster_fakes).
FAKE_DELAY_SCALE = 0.25


def _faster_fakes():
    """The fake nova, cinder and guest agent wait like real services (a volume is available after 2 s, a
    guest reports healthy after 3.5 s). Nothing in the run depends on those waits being long, and they
    add up to most of an instance's build; the fakes' eventlet.spawn_after runs them a quarter as long."""
    import eventlet
    from trove.tests.fakes import guestagent, nova

    class ScaledEventlet:
        def __getattr__(self, name):
            return getattr(eventlet, name)

        @staticmethod
        def spawn_after(seconds, function, *args, **kwargs):
            return eventlet.spawn_after(seconds * FAKE_DELAY_SCALE, function, *args, **kwargs)

    nova.eventlet = ScaledEventlet()
    guestagent.eventlet = ScaledEventlet()


# How long the fake guest's backup stays NEW, then BUILDING, in seconds.
BACKUP_NEW_SECONDS = 0.1
BACKUP_BUILDING_SECONDS = 0.3
# A backup whose name starts with this stays BUILDING until the run releases it (see _guest_backup).
HELD_PREFIX = "held-"
RELEASE_DIR = None


def _guest_backup():
    """The fake guest's create_backup() jumps from NEW to COMPLETED after 10 s, never BUILDING, with a
    location of no container ("http://localhost/path/to/backup"). The real guest agent reports
    BUILDING while it streams, then COMPLETED with the object's URL, size and checksum; this does the same
    in under half a second.

    The run needs backups that are still running when it asks (a second backup of a busy instance,
    deleting a running backup, a parent whose incremental runs, restoring an unfinished backup). Timing
    would make those flaky on a busy machine, so a backup named `held-…` stays BUILDING until the run
    creates the file <workdir>/release/<backup id>."""
    import eventlet
    from trove.backup.models import Backup
    from trove.backup.state import BackupState
    from trove.tests.fakes import guestagent

    def create_backup(self, backup_info):
        backup_id = backup_info["id"]
        container = backup_info.get("swift_container") or "database_backups"
        tenant = Backup.get_by_id(context=None, backup_id=backup_id).tenant_id

        def set_state(state):
            backup = Backup.get_by_id(context=None, backup_id=backup_id)
            backup.state = state
            if state == BackupState.COMPLETED:
                backup.location = f"http://127.0.0.1:8080/v1/AUTH_{tenant}/{container}/{backup_id}.xbstream.gz"
                backup.checksum = "fake-md5-sum"
                backup.size = guestagent.BACKUP_SIZE
            backup.save()

        def run():
            eventlet.sleep(BACKUP_NEW_SECONDS)
            set_state(BackupState.BUILDING)
            eventlet.sleep(BACKUP_BUILDING_SECONDS)
            if backup_info["name"].startswith(HELD_PREFIX):
                while not os.path.exists(os.path.join(RELEASE_DIR, backup_id)):
                    eventlet.sleep(0.1)
            set_state(BackupState.COMPLETED)

        eventlet.spawn(run)

    guestagent.FakeGuest.create_backup = create_backup


# A backup in this container cannot be deleted from swift (see _swift_delete_fails).
FAILING_CONTAINER = "delete-fails"


def _swift_delete_fails():
    """Fault injection, so that the run sees Trove's own DELETE_FAILED path (taskmanager/models.py,
    BackupTasks.delete_backup): the fake swift refuses to delete objects of the container
    `delete-fails` with a 503, as a swift proxy that has lost its object servers would."""
    from swiftclient.client import ClientException
    from trove.tests.fakes import swift

    delete_object = swift.FakeSwiftConnection.delete_object

    def delete_or_fail(self, container, name, **kwargs):
        if container == FAILING_CONTAINER:
            raise ClientException("fake swift: object servers unavailable", http_status=503)
        return delete_object(self, container, name)

    swift.FakeSwiftConnection.delete_object = delete_or_fail


def apply(image_id, workdir):
    """Installs every shim; `image_id` is the one image the fake glance knows, `workdir` the run's folder."""
    IMAGE_IDS.append(image_id)
    _context_tenant()
    _servers_create_meta()
    _guest_prepare_ds_version()
    _server_status_active()
    _volumes_list_search_opts()
    _faster_fakes()
    global RELEASE_DIR
    RELEASE_DIR = os.path.join(workdir, "release")
    os.makedirs(RELEASE_DIR, exist_ok=True)
    _guest_backup()
    _swift_delete_fails()
