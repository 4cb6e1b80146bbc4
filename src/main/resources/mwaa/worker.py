"""Stepline's MWAA Serverless worker helper: PythonOperator calls (templating is done in Java).

Reads one JSON request on stdin and writes one JSON answer on stdout. Mode:
  python   {"fields": {...rendered...}, "context": {...}, "callable": "module.function", "codeDir": str}
           -> {"result": <json>} | {"error": str}
The task's own output (print, logging) goes to stderr, which Stepline keeps in the attempt's log.
"""
import datetime
import importlib
import inspect
import json
import random
import sys
import time
import traceback
import types
import uuid

try:
    import dateutil
    import dateutil.relativedelta
except ImportError:  # pragma: no cover - optional like in Airflow's macros
    dateutil = None


def ds_add(ds, days):
    if not days:
        return str(ds)
    value = datetime.datetime.strptime(str(ds), "%Y-%m-%d") + datetime.timedelta(days=days)
    return value.strftime("%Y-%m-%d")


def ds_format(ds, input_format, output_format):
    return datetime.datetime.strptime(str(ds), input_format).strftime(output_format)


def datetime_diff_for_humans(dt, since=None):
    since = since or datetime.datetime.now(datetime.timezone.utc)
    seconds = int(abs((since - dt).total_seconds()))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return "%d %s%s %s" % (n, unit, "" if n == 1 else "s", "ago" if dt < since else "from now")
    return "just now"


MACROS = types.SimpleNamespace(
    datetime=datetime.datetime, timedelta=datetime.timedelta, dateutil=dateutil, time=time, uuid=uuid,
    random=random.random, ds_add=ds_add, ds_format=ds_format, datetime_diff_for_humans=datetime_diff_for_humans)


class TaskInstance:
    """What templates see as ``ti`` / ``task_instance``: XComs of the run's finished tasks."""

    def __init__(self, task_id, try_number, xcoms):
        self.task_id = task_id
        self.try_number = try_number
        self._xcoms = xcoms

    def xcom_pull(self, task_ids=None, dag_id=None, key="return_value", include_prior_dates=False, map_indexes=None,
                  default=None, run_id=None):
        if task_ids is None:
            task_ids = self.task_id
        if isinstance(task_ids, str):
            return self._value(task_ids, key, default)
        return [self._value(t, key, default) for t in task_ids]

    def _value(self, task_id, key, default):
        raw = self._xcoms.get(task_id, {}).get(key)
        return default if raw is None else json.loads(raw)


def context_of(raw):
    logical = datetime.datetime.fromtimestamp(raw["logicalDateMs"] / 1000.0, tz=datetime.timezone.utc)
    ti = TaskInstance(raw.get("taskId"), raw.get("attempt", 1), raw.get("xcoms", {}))
    return {
        "params": raw.get("params", {}),
        "ds": logical.strftime("%Y-%m-%d"),
        "ds_nodash": logical.strftime("%Y%m%d"),
        "ts": logical.isoformat(),
        "ts_nodash": logical.strftime("%Y%m%dT%H%M%S"),
        "macros": MACROS,
        "ti": ti,
        "task_instance": ti,
    }


def call_python(request, rendered, context):
    sys.path.insert(0, request["codeDir"])
    module_name, _, function_name = request["callable"].rpartition(".")
    if not module_name:
        raise ValueError("python_callable must be module_name.function_name, got %r" % request["callable"])
    function = getattr(importlib.import_module(module_name), function_name)
    args = rendered.get("op_args") or []
    kwargs = dict(rendered.get("op_kwargs") or {})
    if rendered.get("templates_dict") is not None:
        kwargs.setdefault("templates_dict", rendered["templates_dict"])
    parameters = inspect.signature(function).parameters
    if any(p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        for name, value in context.items():
            kwargs.setdefault(name, value)
    else:
        for name in parameters:
            if name in context and name not in kwargs:
                kwargs[name] = context[name]
    return function(*args, **kwargs)


def main():
    mode = sys.argv[1]
    request = json.load(sys.stdin)
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # the task's prints belong to its log
    try:
        if mode != "python":
            raise ValueError("unknown mode %r" % mode)
        context = context_of(request["context"])
        try:
            result = call_python(request, request.get("fields", {}), context)
        except Exception as e:  # the task failed: report like Airflow's log would
            traceback.print_exc()
            answer = {"error": "%s: %s" % (type(e).__name__, e)}
        else:
            answer = {"result": json.loads(json.dumps(result, default=str))}
    except Exception as e:
        traceback.print_exc()
        answer = {"error": "%s: %s" % (type(e).__name__, e)}
    sys.stdout = real_stdout
    real_stdout.write(json.dumps(answer))
    real_stdout.flush()


if __name__ == "__main__":
    main()
