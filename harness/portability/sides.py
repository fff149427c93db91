"""What a target renders with while the walk moves on (see ddl.render_walk).

* :class:`OfflineSide`: a never-connecting connection; its catalog is the database. A
  migration that rendered is committed to it; one that failed keeps what its server would
  keep (nothing where DDL is transactional, the operations before the failure elsewhere).
* :class:`LiveSide`: a scratch test database of a live server. Each migration is applied
  as sqlmigrate prints it after it is rendered.
"""

from __future__ import annotations

from .ddl import server_lost
from .live import ScratchDatabase


class OfflineSide:
    def __init__(self, connection, default=None):
        self.connection = connection
        self.default = default or connection  # the default alias while it renders
        self.catalog = connection.catalog
        self.ran = None  # the last migration run statement by statement (see applied)

    def reset(self) -> None:
        self.catalog.reset()

    def applied(self, migration, collected, state_before) -> None:
        """Record the migration as run. What it printed is what runs unless it failed or an
        operation introspected a table an earlier one changed (collected, nothing ran yet:
        RenameModel then AlterField); then it is run again, each statement at once."""
        catalog = self.catalog
        if collected.error is None and not catalog.sensitive:
            catalog.commit()
            return
        from .ddl import collect

        catalog.begin_run()
        try:
            ran = self.ran = collect(migration, state_before(), {"run": self})["run"]
        finally:
            catalog.end_run()
        if ran.error is None:
            return
        features = self.connection.features
        failed = ran.failed_operation if ran.failed_operation is not None else 0
        operation = migration.operations[failed] if failed < len(migration.operations) else None
        if migration.atomic and features.can_rollback_ddl:
            catalog.undo()  # the whole migration rolls back
        elif operation is not None and features.can_rollback_ddl and (
                operation.atomic or (migration.atomic and operation.atomic is not False)):
            catalog.undo(failed)  # only the failed operation does
        # MySQL/Oracle keep every statement that ran, the failed operation's included.

    def operation(self, index: int) -> None:
        self.catalog.operation = index

    def run_backwards(self, migration, state):
        """Unapply the migration as ``migrate`` would run it (each statement visible to the
        next), leaving the catalog as it was."""
        from .ddl import collect

        catalog = self.catalog
        catalog.begin_run()
        try:
            return collect(migration, state, {"run": self}, backwards=True)["run"]
        finally:
            catalog.end_run()
            catalog.undo()

    def discard(self) -> None:
        self.catalog.rollback()

    def lost(self) -> str | None:
        return None


class LiveSide:
    def __init__(self, connection, purpose: str = "ddl"):
        self.connection = self.default = connection
        self.database = ScratchDatabase(connection, purpose)
        self.apply_errors: dict[tuple[str, str], str] = {}

    def operation(self, index: int) -> None:
        pass

    def reset(self) -> None:
        self.database.reset()

    def applied(self, migration, collected, state_before) -> None:
        from .databases import describe_error
        from .groundtruth import apply_as_printed

        try:
            apply_as_printed(migration, state_before(), self.connection)
        except Exception as exc:
            self.apply_errors[migration.app_label, migration.name] = (
                f"applying it to the scratch database failed: {describe_error(exc, self.connection)}")

    def discard(self) -> None:
        pass

    def lost(self) -> str | None:
        return server_lost(self.connection)

    def close(self) -> None:
        self.database.close()
