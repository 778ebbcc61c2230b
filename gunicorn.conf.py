"""gunicorn's settings for Balai.

gunicorn reads ./gunicorn.conf.py when started in the project's directory; `-c
gunicorn.conf.py` names it from anywhere. Command-line flags (--workers, --bind) add to it.
"""

wsgi_app = "config.wsgi"
# One line per request on standard output, every 16-digit run (a NIK typed into an address
# or carried in a referrer) masked, as in the application's own log.
accesslog = "-"
logger_class = "balai.core.logging.MaskingGunicornLogger"
