"""How the offline report scales with a project's size, against Django's own sqlmigrate.

    python bench/scale.py                       # N = 250, 500, 1000, 2000
    python bench/scale.py --sizes 200 --keep DIR  # write the project to DIR and keep it

For each N it generates a synthetic project (``generate``) whose N models form one connected
foreign-key graph: 50 CreateModels per migration, each model 8 fields, a foreign key to the
previous model and to a hub model every model points to, an index every 5 models, a unique
constraint every 3; then migrations with AlterField, RenameField, RemoveField and AddIndex
on existing models. It runs ``portability report --offline`` for every profile and prints
wall time and the peak RSS of the whole process tree, and the growth ratio between sizes.
Django's own ``sqlmigrate`` is timed on a sample of the same migrations (one process each,
SQLite) and scaled to the whole plan and every profile, side by side.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PER_MIGRATION = 50
APP = "scaleapp"


def _model(i: int) -> str:
    fields = [
        '("id", models.AutoField(auto_created=True, primary_key=True, serialize=False))',
        '("name", models.CharField(max_length=50))',
        '("code", models.CharField(max_length=20))',
        '("value", models.IntegerField(default=0))',
        '("amount", models.DecimalField(decimal_places=2, max_digits=10))',
        '("created", models.DateTimeField())',
        '("flag", models.BooleanField(default=False))',
        '("note", models.TextField(blank=True))',
        f'("hub", models.ForeignKey(on_delete=models.CASCADE, related_name="m{i}_set", to="{APP}.hub"))',
    ]
    if i > 0:
        fields.append(f'("prev", models.ForeignKey(null=True, on_delete=models.SET_NULL, '
                      f'related_name="next_set", to="{APP}.m{i - 1}"))')
    options = []
    if i % 5 == 0:
        options.append(f'"indexes": [models.Index(fields=["name"], name="m{i}_name_idx")]')
    if i % 3 == 0:
        options.append(f'"constraints": [models.UniqueConstraint(fields=["code", "value"], name="m{i}_code_value_uniq")]')
    opts = f", options={{{', '.join(options)}}}" if options else ""
    return f"        migrations.CreateModel(name=\"M{i}\", fields=[{', '.join(fields)}]{opts}),"


def _migration(number: int, depends: str | None, operations: list[str]) -> str:
    deps = f'[("{APP}", "{depends}")]' if depends else "[]"
    body = "\n".join(operations)
    return (f"from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n"
            f"    initial = {number == 1}\n    dependencies = {deps}\n    operations = [\n{body}\n    ]\n")


def generate(n: int, root: Path) -> list[str]:
    """Write the app ``scaleapp`` and ``scale_settings.py`` under ``root``; migration names."""
    app = root / APP
    (app / "migrations").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "migrations" / "__init__.py").write_text("")
    (app / "models.py").write_text("")
    (root / "scale_settings.py").write_text(
        "from harness.settings import *  # noqa: F403\n"
        f"INSTALLED_APPS = [*INSTALLED_APPS, {APP!r}]\n")
    names, previous = [], None
    hub = '        migrations.CreateModel(name="Hub", fields=[("id", models.AutoField(auto_created=True, primary_key=True, serialize=False)), ("label", models.CharField(max_length=30))]),'
    for start in range(0, n, PER_MIGRATION):
        ops = ([hub] if start == 0 else []) + [_model(i) for i in range(start, min(n, start + PER_MIGRATION))]
        previous = _write(app, names, previous, ops)
    step = max(1, n // 50)  # the later migrations touch about 50 existing models each
    later = [
        [f'        migrations.AlterField(model_name="m{i}", name="name", field=models.CharField(max_length=80)),'
         for i in range(0, n, step)],
        [f'        migrations.RenameField(model_name="m{i}", old_name="note", new_name="remark"),'
         for i in range(0, n, step)],
        [f'        migrations.RemoveField(model_name="m{i}", name="flag"),' for i in range(1, n, step)],
        [f'        migrations.AddIndex(model_name="m{i}", index=models.Index(fields=["code"], name="m{i}_code_idx")),'
         for i in range(2, n, step)],
        ['        migrations.AlterField(model_name="hub", name="label", field=models.CharField(max_length=60)),'],
    ]
    for ops in later:
        previous = _write(app, names, previous, ops)
    return names


def _write(app: Path, names: list[str], previous: str | None, operations: list[str]) -> str:
    name = f"{len(names) + 1:04d}_step"
    (app / "migrations" / f"{name}.py").write_text(_migration(len(names) + 1, previous, operations))
    names.append(name)
    return name


class PeakRSS:
    """Samples the RSS of a process and all its descendants; the peak of their sum."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
        found, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def _run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.is_set():
            total = 0
            for pid in self._tree():
                try:
                    total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
                except (OSError, IndexError, ValueError):
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run(root: Path, *args: str, seed: str | None = None) -> tuple[float, int, subprocess.CompletedProcess]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "scale_settings",
           "PYTHONPATH": os.pathsep.join([str(root), str(ROOT)])}
    if seed is not None:
        env["PYTHONHASHSEED"] = seed
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PeakRSS(proc.pid)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    return seconds, sampler.stop(), subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--sample", type=int, default=2, help="migrations timed with sqlmigrate (0: skip)")
    parser.add_argument("--keep", type=Path, help="write the projects under this folder and keep them")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from harness.portability.profiles import PROFILES

    rows = []
    for n in args.sizes:
        base = args.keep / f"n{n}" if args.keep else Path(tempfile.mkdtemp(prefix=f"scale{n}_"))
        if base.exists() and args.keep:
            shutil.rmtree(base)
        base.mkdir(parents=True, exist_ok=True)
        names = generate(n, base)
        seconds, peak, proc = run(base, "portability", "report", "--offline", "--apps", APP,
                                  "--output", str(base / "out"))
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return 1
        naive = None
        if args.sample:
            sample = names[len(names) // 2 - 1: len(names) // 2 - 1 + args.sample] if len(names) > 2 else names[:1]
            spent = sum(run(base, "sqlmigrate", APP, name)[0] for name in sample)
            naive = spent / len(sample) * len(names) * len(PROFILES)
        rows.append((n, len(names), seconds, peak, naive))
        print(f"N={n:>5}: {len(names)} migrations, report --offline for {len(PROFILES)} profiles "
              f"{seconds:6.1f} s, peak RSS {peak / 2**20:5.0f} MiB"
              + (f"; Django's sqlmigrate scaled to the plan x profiles: {naive:8.0f} s "
                 f"({naive / seconds:.0f}x)" if naive else ""), flush=True)
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    for (n1, _, s1, _, _), (n2, _, s2, _, _) in zip(rows, rows[1:]):
        print(f"growth N={n1} -> N={n2} ({n2 / n1:.1f}x the models): {s2 / s1:.2f}x the time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
