"""What a target renders with while the walk moves on (see render_walk.py).

* :class:`OfflineSide`: a never-connecting connection; its catalog is the database. A
  migration that rendered is committed to it; one that failed keeps what its server would
  keep (nothing where DDL is transactional, the operations before the failure elsewhere).
* :class:`LiveSide`: a scratch test database of a live server. Each migration is applied
  as sqlmigrate prints it after it is rendered.
"""

from __future__ import annotations

from .ddl import atomic_operation, server_lost
from .editors import NeedsData
from .live import ScratchDatabase


class OfflineSide:
    def __init__(self, connection, default=None, target: str | None = None, routed: bool = False):
        self.connection = connection
        self.default = default or connection  # the default alias while it renders
        self.target = target or connection.profile.name  # what its renders are reported as
        self.routed = routed  # rendered as a routed secondary alias beside ``default``
        self.catalog = connection.catalog
        self.ran = None  # the last migration run statement by statement (see applied)

    def fork(self, default=None) -> "OfflineSide":
        """Another connection of the same profile whose catalog starts as a copy of this one,
        rendering with ``default`` as the default alias."""
        from .offline import connection_for

        connection = connection_for(self.connection.profile)
        self.catalog.copy_to(connection)
        return OfflineSide(connection, default, self.target, routed=default is not None)

    def take_catalog_before_step(self, other: "OfflineSide") -> None:
        """Go on from ``other``'s database as it was before the current step."""
        self.catalog = other.catalog.copy_before_step(self.connection)

    def reset(self) -> None:
        self.catalog.reset()

    def needs_run(self, collected) -> bool:
        """Whether recording the migration as run needs running it statement by statement:
        it failed, or an operation introspected a table an earlier one changed (collected,
        nothing ran yet: RenameModel then AlterField)."""
        return collected.error is not None or self.catalog.sensitive

    def applied(self, migration, collected, state_before) -> None:
        self.catalog.commit()  # what it printed is what runs

    def begin_run(self) -> None:
        self.catalog.begin_run()

    def end_run(self, migration, collected, ran) -> None:
        """After running it (``ran``): keep what its server would keep."""
        catalog = self.catalog
        catalog.end_run()
        self.ran = ran
        if isinstance(collected.error, NeedsData):
            # Run with stand-in defaults; whether the server could compute them depends on
            # its rows, so what introspects these tables later needs the server too.
            for table in catalog.touched():
                catalog.taint(table, f"was changed by {migration.app_label}.{migration.name}, whose "
                                     f"default ({collected.error.source}) is computed from the database's data")
        if ran.error is None:
            return
        features = self.connection.features
        failed = ran.failed_operation if ran.failed_operation is not None else 0
        operation = migration.operations[failed] if failed < len(migration.operations) else None
        if migration.atomic and features.can_rollback_ddl:
            catalog.undo()  # the whole migration rolls back
        elif operation is not None and features.can_rollback_ddl and atomic_operation(migration, operation):
            catalog.undo(failed)  # only the failed operation does
        # MySQL/Oracle keep every statement that ran, the failed operation's included.

    def operation(self, index: int) -> None:
        self.catalog.operation = index

    def end_backwards_run(self) -> None:
        """After unapplying it as ``migrate`` would (to show what runs): as it was before."""
        self.catalog.end_run()
        self.catalog.undo()

    def discard(self) -> None:
        self.catalog.rollback()

    def discard_run(self) -> None:
        """Forget what a render recorded (it is rendered again)."""
        if self.catalog.immediate:
            self.catalog.undo()
            self.catalog.begin_run()
        else:
            self.catalog.rollback()

    def lost(self) -> str | None:
        return None


class LiveSide:
    routed = False

    def __init__(self, connection, purpose: str = "ddl", target: str | None = None):
        self.target = target or connection.alias
        self.connection = self.default = connection
        self.database = ScratchDatabase(connection, purpose)
        self.apply_errors: dict[tuple[str, str], str] = {}

    def operation(self, index: int) -> None:
        pass

    def reset(self) -> None:
        self.database.reset()

    def needs_run(self, collected) -> bool:
        return False  # applied to the scratch database for real

    def applied(self, migration, collected, state_before) -> None:
        from .databases import describe_error
        from .groundtruth import apply_as_printed

        state = state_before()
        try:
            # Where its render needed Django's own state, so does running it.
            apply_as_printed(migration, state.exact() if collected.exact else state, self.connection)
        except Exception as exc:
            self.apply_errors[migration.app_label, migration.name] = (
                f"applying it to the scratch database failed: {describe_error(exc, self.connection)}")

    def discard(self) -> None:
        pass

    def discard_run(self) -> None:
        pass  # collecting runs nothing on the server

    def lost(self) -> str | None:
        return server_lost(self.connection)

    def close(self) -> None:
        self.database.close()
