"""Per-article extraction on a Dask cluster: batches of articles are mapped on the workers, the
claims come back to the client, which compares each story and writes its reports.

Dask's distributed scheduler is a well-kept piece of software we should not write ourselves; it
is an optional extra (`pip install ".[dask]"` in a clone, see README "Install") and is imported
only here, only when `--engine dask` is asked for, so the default install never needs it. The
workers need factcheck installed at the same version as the client (the batches name
`factcheck.parallel.analyse_batch`).
"""

from __future__ import annotations

from typing import Any

from factcheck.errors import UsageError
from factcheck.nlp import DEFAULT_MODEL
from factcheck.parallel import Batch, Pending, analyse_batch

DASK_INSTALL = 'pip install "dask[distributed]>=2024.1"'  # the `dask` extra's requirement
DASK_INSTALL_FROM_CLONE = 'pip install ".[dask]"'


def _client(scheduler: str | None, jobs: int, timeout: str) -> tuple[Any, Any]:
    """A client of the scheduler, or of a local cluster of `jobs` processes when none is given
    (what a laptop run or the benchmark wants); the second item is that cluster, to close."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        # No release is on PyPI: name the commands that work (README, "Install"), which
        # tests/test_packaging.py checks against the README.
        raise UsageError(
            f"--engine dask needs Dask: {DASK_INSTALL} in factcheck's environment"
            f" (or, in a clone of factcheck, {DASK_INSTALL_FROM_CLONE})"
        ) from error
    if not scheduler:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=timeout), None
    except (OSError, TimeoutError) as error:
        raise UsageError(f"--scheduler: cannot reach a Dask scheduler at {scheduler}: {error}") \
            from error


class DaskEngine:
    """Batches submitted to the scheduler at `scheduler` (else a local cluster of `jobs`
    processes); the in-flight window is sized by the cluster's thread count."""

    def __init__(self, scheduler: str | None, jobs: int = 2, timeout: str = "20s",
                 nlp_model: str = DEFAULT_MODEL) -> None:
        self.nlp_model = nlp_model
        self._client, self._cluster = _client(scheduler, jobs, timeout)
        threads = sum(self._client.nthreads().values())
        self.workers = max(threads, 2)

    def submit(self, batch: Batch) -> Pending:
        # pure=False: articles are not hashed into task keys (costly, and two identical
        # articles of different stories must still be two tasks with their own ids).
        future: Pending = self._client.submit(analyse_batch, batch, self.nlp_model, pure=False)
        return future

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
