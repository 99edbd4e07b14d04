"""Python imports this at start-up when its folder is on PYTHONPATH: the process then believes
it is FAKE_NOW (seconds since 1970), as `faketime` would make it believe. tests/test_publish.py
builds the site "on other days" with it."""
import datetime
import os
import time

if os.environ.get("FAKE_NOW"):
    _offset = float(os.environ["FAKE_NOW"]) - time.time()
    _time, _time_ns, _localtime, _gmtime = time.time, time.time_ns, time.localtime, time.gmtime
    time.time = lambda: _time() + _offset  # date.today() reads this one
    time.time_ns = lambda: _time_ns() + int(_offset * 1e9)
    time.localtime = lambda secs=None: _localtime(time.time() if secs is None else secs)
    time.gmtime = lambda secs=None: _gmtime(time.time() if secs is None else secs)
    _strftime, _ctime = time.strftime, time.ctime
    time.ctime = lambda secs=None: _ctime(time.time() if secs is None else secs)
    time.strftime = lambda fmt, t=None: _strftime(fmt, time.localtime() if t is None else t)

    class _DateTime(datetime.datetime):
        """datetime.now() reads the system clock in C, so it is answered here."""

        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(time.time(), tz)

        @classmethod
        def utcnow(cls):
            return cls.fromtimestamp(time.time(), datetime.timezone.utc).replace(tzinfo=None)

        @classmethod
        def today(cls):
            return cls.fromtimestamp(time.time())

    datetime.datetime = _DateTime
